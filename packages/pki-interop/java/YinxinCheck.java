// Independent checks of yinxin's PKI artifacts with BouncyCastle (Debian libbcprov-java,
// libbcpkix-java). One subcommand per job; prints one JSON object; exit 0 = check passed,
// 1 = check failed, 2 = usage error. Add a subcommand: write a method and register it in main.
import java.io.*;
import java.math.BigInteger;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.util.*;
import org.bouncycastle.asn1.*;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.*;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.encoders.Hex;

public class YinxinCheck {
  interface Cmd { String run(List<String> args) throws Exception; }
  static class Usage extends Exception { Usage(String m) { super(m); } }
  static class Failed extends Exception { Failed(String m) { super(m); } }

  public static void main(String[] argv) {
    Security.addProvider(new BouncyCastleProvider());
    Map<String, Cmd> cmds = new LinkedHashMap<>();
    cmds.put("chain", YinxinCheck::chain);
    cmds.put("csr", YinxinCheck::csr);
    cmds.put("crl", YinxinCheck::crl);
    cmds.put("sm2-encrypt", YinxinCheck::sm2Encrypt);
    cmds.put("sm2-decrypt", YinxinCheck::sm2Decrypt);
    cmds.put("sm2-verify", YinxinCheck::sm2Verify);
    cmds.put("key-matches", YinxinCheck::keyMatches);
    int code;
    String out;
    try {
      if (argv.length == 0 || !cmds.containsKey(argv[0])) throw new Usage("subcommands: " + cmds.keySet());
      out = "{\"ok\":true," + cmds.get(argv[0]).run(new ArrayList<>(Arrays.asList(argv).subList(1, argv.length))) + "}";
      code = 0;
    } catch (Usage e) {
      out = "{\"ok\":false,\"error\":" + q(e.getMessage()) + "}";
      code = 2;
    } catch (Throwable e) {
      out = "{\"ok\":false,\"error\":" + q(e.getClass().getSimpleName() + ": " + e.getMessage()) + "}";
      code = 1;
    }
    System.out.println(out);
    System.exit(code);
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : String.valueOf(s).toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static String opt(List<String> args, String name, boolean required) throws Usage {
    int i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size()) { if (required) throw new Usage("missing " + name); return null; }
    String v = args.get(i + 1);
    args.remove(i + 1); args.remove(i);
    return v;
  }

  static List<X509Certificate> certs(String file) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(new FileInputStream(file))) {
      for (java.security.cert.Certificate c : cf.generateCertificates(in)) out.add((X509Certificate) c);
    }
    if (out.isEmpty()) throw new Failed("no certificate in " + file);
    return out;
  }

  static X509CRL readCrl(String file) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
    try (InputStream in = new BufferedInputStream(new FileInputStream(file))) { return (X509CRL) cf.generateCRL(in); }
  }

  static PrivateKey key(String file) throws Exception {
    try (PEMParser p = new PEMParser(new FileReader(file))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider("BC");
      if (o instanceof PEMKeyPair) return conv.getKeyPair((PEMKeyPair) o).getPrivate();
      if (o instanceof PrivateKeyInfo) return conv.getPrivateKey((PrivateKeyInfo) o);
      throw new Usage("not a private key: " + file);
    }
  }

  // chain --anchor root.pem [--at ISO] [--crl f.crl ...] leaf-last-or-first certs...
  static String chain(List<String> args) throws Exception {
    String anchorFile = opt(args, "--anchor", true);
    String at = opt(args, "--at", false);
    List<X509CRL> crls = new ArrayList<>();
    for (String c; (c = opt(args, "--crl", false)) != null; ) crls.add(readCrl(c));
    if (args.isEmpty()) throw new Usage("chain --anchor ROOT CERT...");
    List<X509Certificate> list = new ArrayList<>();
    for (String f : args) list.addAll(certs(f));
    // Order leaf first: the certificate that issues nobody else in the list.
    List<X509Certificate> ordered = new ArrayList<>();
    X509Certificate leaf = null;
    for (X509Certificate c : list) {
      boolean issuesOther = false;
      for (X509Certificate d : list) if (d != c && d.getIssuerX500Principal().equals(c.getSubjectX500Principal())) issuesOther = true;
      if (!issuesOther) leaf = c;
    }
    X509Certificate cur = leaf;
    while (cur != null && ordered.size() < list.size()) {
      ordered.add(cur);
      X509Certificate next = null;
      for (X509Certificate d : list) if (!ordered.contains(d) && cur.getIssuerX500Principal().equals(d.getSubjectX500Principal())) next = d;
      cur = next;
    }
    if (ordered.size() != list.size()) throw new Failed("the certificates do not form one chain");
    X509Certificate anchor = certs(anchorFile).get(0);
    CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
    CertPath path = cf.generateCertPath(ordered);
    PKIXParameters params = new PKIXParameters(Collections.singleton(new TrustAnchor(anchor, null)));
    params.setRevocationEnabled(!crls.isEmpty());
    if (!crls.isEmpty()) params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls), "BC"));
    // Extended key usage is for the relying application to judge (RFC 5280 §4.2.1.12), not for
    // path validation; PKIX would otherwise refuse a critical EKU (RFC 3161 TSA certificates).
    params.addCertPathChecker(new PKIXCertPathChecker() {
      public void init(boolean forward) {}
      public boolean isForwardCheckingSupported() { return true; }
      public Set<String> getSupportedExtensions() { return Collections.singleton("2.5.29.37"); }
      public void check(java.security.cert.Certificate cert, Collection<String> unresolved) { unresolved.remove("2.5.29.37"); }
    });
    if (at != null) params.setDate(Date.from(java.time.Instant.parse(at)));
    CertPathValidator.getInstance("PKIX", "BC").validate(path, params);
    StringBuilder s = new StringBuilder("\"subjects\":[");
    for (int i = 0; i < ordered.size(); i++) s.append(i > 0 ? "," : "").append(q(ordered.get(i).getSubjectX500Principal().getName()));
    return s.append("],\"anchor\":").append(q(anchor.getSubjectX500Principal().getName())).toString();
  }

  static String csr(List<String> args) throws Exception {
    if (args.size() != 1) throw new Usage("csr FILE");
    byte[] data = Files.readAllBytes(Paths.get(args.get(0)));
    PKCS10CertificationRequest req;
    String text = new String(data, "ISO-8859-1");
    if (text.contains("-----BEGIN")) {
      try (PEMParser p = new PEMParser(new StringReader(text))) { req = (PKCS10CertificationRequest) p.readObject(); }
    } else req = new PKCS10CertificationRequest(data);
    boolean ok = req.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(req.getSubjectPublicKeyInfo()));
    if (!ok) throw new Failed("CSR signature does not verify");
    return "\"subject\":" + q(req.getSubject().toString()) + ",\"keyAlgorithm\":" + q(req.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId());
  }

  static String crl(List<String> args) throws Exception {
    String issuerFile = opt(args, "--issuer", true);
    if (args.size() != 1) throw new Usage("crl --issuer ISSUER FILE");
    X509CRL crl = readCrl(args.get(0));
    X509Certificate issuer = certs(issuerFile).get(0);
    crl.verify(issuer.getPublicKey(), "BC");
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) throw new Failed("CRL issuer name differs from the issuer certificate");
    byte[] num = crl.getExtensionValue("2.5.29.20");
    String number = num == null ? "null" : q(ASN1Integer.getInstance(ASN1OctetString.getInstance(num).getOctets()).getValue().toString());
    Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
    StringBuilder s = new StringBuilder();
    s.append("\"crlNumber\":").append(number)
      .append(",\"delta\":").append(crl.getExtensionValue("2.5.29.27") != null)
      .append(",\"thisUpdate\":").append(q(crl.getThisUpdate().toInstant().toString()))
      .append(",\"nextUpdate\":").append(crl.getNextUpdate() == null ? "null" : q(crl.getNextUpdate().toInstant().toString()))
      .append(",\"entries\":").append(entries == null ? 0 : entries.size()).append(",\"sample\":[");
    int i = 0;
    if (entries != null) for (X509CRLEntry e : entries) {
      if (i++ >= 10) break;
      s.append(i > 1 ? "," : "").append("{\"serial\":").append(q(e.getSerialNumber().toString(16)))
        .append(",\"reason\":").append(e.getRevocationReason() == null ? "null" : q(e.getRevocationReason().name())).append("}");
    }
    return s.append("]").toString();
  }

  static ECPublicKeyParameters sm2Public(X509Certificate cert) throws Exception {
    return (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(cert.getPublicKey());
  }

  // GM/T 0009 SM2Cipher ::= SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, cipherText OCTET STRING }
  static String sm2Encrypt(List<String> args) throws Exception {
    String certFile = opt(args, "--cert", true);
    byte[] plain = Hex.decode(opt(args, "--hex", true));
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(true, new ParametersWithRandom(sm2Public(certs(certFile).get(0)), new SecureRandom()));
    byte[] raw = engine.processBlock(plain, 0, plain.length); // 04 || x || y || C3 || C2
    byte[] x = Arrays.copyOfRange(raw, 1, 33), y = Arrays.copyOfRange(raw, 33, 65);
    byte[] c3 = Arrays.copyOfRange(raw, 65, 97), c2 = Arrays.copyOfRange(raw, 97, raw.length);
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(1, x)));
    v.add(new ASN1Integer(new BigInteger(1, y)));
    v.add(new DEROctetString(c3));
    v.add(new DEROctetString(c2));
    return "\"cipherHex\":" + q(Hex.toHexString(new DERSequence(v).getEncoded("DER")));
  }

  static byte[] pad32(BigInteger n) {
    byte[] b = n.toByteArray(), out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  static String sm2Decrypt(List<String> args) throws Exception {
    PrivateKey k = key(opt(args, "--key", true));
    ASN1Sequence seq = ASN1Sequence.getInstance(Hex.decode(opt(args, "--hex", true)));
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write(4);
    raw.write(pad32(ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue()));
    raw.write(pad32(ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue()));
    raw.write(ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets());
    raw.write(ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets());
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(false, ECUtil.generatePrivateKeyParameter(k));
    byte[] r = raw.toByteArray();
    return "\"plainHex\":" + q(Hex.toHexString(engine.processBlock(r, 0, r.length)));
  }

  static String sm2Verify(List<String> args) throws Exception {
    X509Certificate cert = certs(opt(args, "--cert", true)).get(0);
    byte[] data = Hex.decode(opt(args, "--data-hex", true));
    byte[] sig = Hex.decode(opt(args, "--sig-hex", true));
    Signature s = Signature.getInstance("SM3withSM2", "BC");
    s.initVerify(cert.getPublicKey());
    s.update(data);
    if (!s.verify(sig)) throw new Failed("signature does not verify");
    return "\"verified\":true";
  }

  static String keyMatches(List<String> args) throws Exception {
    PrivateKey k = key(opt(args, "--key", true));
    X509Certificate cert = certs(opt(args, "--cert", true)).get(0);
    ECPrivateKeyParameters priv = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(k);
    ECPublicKeyParameters pub = sm2Public(cert);
    if (!priv.getParameters().getG().multiply(priv.getD()).normalize().equals(pub.getQ().normalize())) throw new Failed("the key does not match the certificate");
    return "\"matches\":true";
  }
}

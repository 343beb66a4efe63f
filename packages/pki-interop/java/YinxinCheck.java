// yinxin independent checker on BouncyCastle (Debian's libbcprov-java / libbcpkix-java).
//
// Test support only: yinxin's tests run it to check artifacts that yinxin produced with an
// implementation that is not ours. One subcommand per method, listed in COMMANDS below.
//
//   java -cp bcprov.jar:bcpkix.jar:bcutil.jar:. YinxinCheck <subcommand> [options] [files]
//
// stdout: exactly one JSON object, {"ok":true,...} or {"ok":false,"error":"...",...}.
// exit:   0 the check passed, 1 the check failed (or an input could not be parsed),
//         2 usage error (unknown subcommand, missing option, missing file).
//
// SM2 signatures are SM3withSM2 with the GM/T 0009 default user ID "1234567812345678", which is
// what BC's "SM3withSM2" uses when no SM2ParameterSpec is given.

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.encoders.Hex;

public final class YinxinCheck {

  // ---------------------------------------------------------------- dispatch

  /** One subcommand: reads its options, fills {@code out}, returns true when the check passed. */
  interface Command {
    boolean run(Args a, Map<String, Object> out) throws Exception;
  }

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
  private static final Map<String, String> USAGE = new LinkedHashMap<>();
  private static final Map<String, Set<String>> OPTIONS = new LinkedHashMap<>();

  static {
    // name, method, usage line, the --options it reads
    register("chain", YinxinCheck::chain,
        "chain --anchor ROOT [--crl FILE]... [--at ISO-TIME] CERT... (any order)", "anchor", "crl", "at");
    register("csr", YinxinCheck::csr, "csr FILE");
    register("crl", YinxinCheck::crl, "crl --issuer ISSUER-CERT FILE", "issuer");
    register("sm2-encrypt", YinxinCheck::sm2Encrypt, "sm2-encrypt --cert CERT --hex PLAINTEXT-HEX", "cert", "hex");
    register("sm2-decrypt", YinxinCheck::sm2Decrypt, "sm2-decrypt --key KEY --hex SM2CIPHER-DER-HEX", "key", "hex");
    register("sm2-sign", YinxinCheck::sm2Sign, "sm2-sign --key KEY --data-hex HEX", "key", "data-hex");
    register("sm2-verify", YinxinCheck::sm2Verify,
        "sm2-verify --cert CERT --data-hex HEX --sig-hex DER-HEX", "cert", "data-hex", "sig-hex");
    register("key-matches", YinxinCheck::keyMatches, "key-matches --key KEY --cert CERT", "key", "cert");
    register("ocsp-response", YinxinCheck::ocspResponse,
        "ocsp-response --issuer ISSUER-CERT [--responder CERT] [--request OCSP-REQUEST] FILE", "issuer", "responder", "request");
    register("seal", YinxinCheck::seal, "seal [--at ISO-TIME] FILE (SESeal, GM/T 0031 v1 or GB/T 38540 v4/v5)", "at");
    register("ses", YinxinCheck::ses,
        "ses [--data FILE] [--signer-cert-out FILE] FILE (SES_Signature, v1 or v4/v5)", "data", "signer-cert-out");
    register("cms", YinxinCheck::cms, "cms [--content FILE] FILE (SignedData; one signer, its certificate inside)", "content");
    register("tsp-token", YinxinCheck::tspToken,
        "tsp-token --tsa-cert CERT [--data-hex HEX] [--request TSQ] FILE (TimeStampResp or TimeStampToken)",
        "tsa-cert", "data-hex", "request");
  }

  private static void register(String name, Command c, String usage, String... options) {
    COMMANDS.put(name, c);
    USAGE.put(name, usage);
    OPTIONS.put(name, new HashSet<>(Arrays.asList(options)));
  }

  public static void main(String[] argv) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", false);
    int code;
    String cmd = argv.length == 0 ? null : argv[0];
    try {
      if (cmd == null || !COMMANDS.containsKey(cmd)) {
        cmd = null;
        throw new UsageException(argv.length == 0 ? "no subcommand" : "unknown subcommand " + argv[0]);
      }
      out.put("command", cmd);
      Args a = Args.parse(Arrays.copyOfRange(argv, 1, argv.length), OPTIONS.get(cmd));
      Security.addProvider(new BouncyCastleProvider());
      boolean passed = COMMANDS.get(cmd).run(a, out);
      out.put("ok", passed);
      code = passed ? 0 : 1;
    } catch (UsageException e) {
      out.put("error", "usage: " + e.getMessage());
      out.put("usage", cmd == null ? new ArrayList<>(USAGE.values()) : USAGE.get(cmd));
      code = 2;
    } catch (Exception e) {
      out.put("error", describe(e));
      code = 1;
    }
    out.put("ok", code == 0 && Boolean.TRUE.equals(out.get("ok")));
    if (code == 0 && !Boolean.TRUE.equals(out.get("ok"))) code = 1;
    System.out.println(Json.write(out));
    System.exit(code);
  }

  // ---------------------------------------------------------------- chain

  /**
   * Full PKIX path validation (BC's CertPathValidator); revocation only with --crl. The
   * certificates may come in any order (leaf first or leaf last): they are put in path order
   * (leaf first) by matching issuer and subject names, and must form exactly one chain.
   */
  static boolean chain(Args a, Map<String, Object> out) throws Exception {
    List<X509Certificate> anchors = Pem.certs(a.file("anchor"));
    List<X509Certificate> given = new ArrayList<>();
    int dropped = 0;
    for (String f : a.positionals(1)) {
      for (X509Certificate c : Pem.certs(f)) {
        if (anchors.contains(c)) {
          dropped++; // a bundle may repeat the root; the anchor is not part of the path
        } else if (!given.contains(c)) {
          given.add(c);
        }
      }
    }
    if (given.isEmpty()) throw new UsageException("chain: no certificate to validate besides the anchor");
    List<X509Certificate> path = pathOrder(given);
    if (path == null) {
      out.put("error", "the certificates do not form one chain (by issuer and subject names)");
      return false;
    }
    List<X509CRL> crls = new ArrayList<>();
    for (String f : a.files("crl")) crls.addAll(Pem.crls(f));

    Set<TrustAnchor> ta = new HashSet<>();
    for (X509Certificate c : anchors) ta.add(new TrustAnchor(c, null));
    PKIXParameters params = new PKIXParameters(ta);
    params.setRevocationEnabled(!crls.isEmpty());
    if (!crls.isEmpty()) {
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls), "BC"));
    }
    // Extended key usage is for the relying application to judge (RFC 5280 4.2.1.12), not part of
    // path validation; without this PKIX refuses a critical EKU (RFC 3161 TSA certificates).
    params.addCertPathChecker(new PKIXCertPathChecker() {
      @Override public void init(boolean forward) {}
      @Override public boolean isForwardCheckingSupported() { return true; }
      @Override public Set<String> getSupportedExtensions() { return Collections.singleton(Extension.extendedKeyUsage.getId()); }
      @Override public void check(java.security.cert.Certificate c, Collection<String> unresolved) {
        unresolved.remove(Extension.extendedKeyUsage.getId());
      }
    });
    String at = a.opt("at");
    if (at != null) params.setDate(Date.from(parseTime(at)));

    out.put("anchor", anchors.get(0).getSubjectX500Principal().getName());
    out.put("revocation", !crls.isEmpty());
    out.put("at", params.getDate() == null ? Instant.now().toString() : params.getDate().toInstant().toString());
    if (dropped > 0) out.put("anchorCopiesDropped", dropped);
    List<Object> subjects = new ArrayList<>();
    List<Object> links = new ArrayList<>();
    for (X509Certificate c : path) {
      subjects.add(c.getSubjectX500Principal().getName());
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("subject", c.getSubjectX500Principal().getName());
      l.put("issuer", c.getIssuerX500Principal().getName());
      l.put("serial", c.getSerialNumber().toString(16).toUpperCase());
      l.put("sigAlg", c.getSigAlgName());
      l.put("notBefore", c.getNotBefore().toInstant().toString());
      l.put("notAfter", c.getNotAfter().toInstant().toString());
      links.add(l);
    }
    out.put("subjects", subjects);
    out.put("links", links);

    CertPath cp = CertificateFactory.getInstance("X.509", "BC").generateCertPath(path);
    try {
      CertPathValidator.getInstance("PKIX", "BC").validate(cp, params);
      return true;
    } catch (CertPathValidatorException e) {
      out.put("error", describe(e));
      out.put("failedIndex", e.getIndex());
      if (e.getIndex() >= 0 && e.getIndex() < path.size()) {
        out.put("failedSubject", path.get(e.getIndex()).getSubjectX500Principal().getName());
      }
      if (e.getReason() != null) out.put("reason", e.getReason().toString());
      return false;
    }
  }

  /** Leaf first; null when the certificates are not one chain. */
  private static List<X509Certificate> pathOrder(List<X509Certificate> certs) {
    X509Certificate leaf = null;
    for (X509Certificate c : certs) {
      boolean issuesAnother = false;
      for (X509Certificate d : certs) {
        if (d != c && d.getIssuerX500Principal().equals(c.getSubjectX500Principal())) issuesAnother = true;
      }
      if (!issuesAnother) {
        if (leaf != null) return null; // two leaves
        leaf = c;
      }
    }
    List<X509Certificate> ordered = new ArrayList<>();
    for (X509Certificate cur = leaf; cur != null; ) {
      ordered.add(cur);
      X509Certificate next = null;
      for (X509Certificate d : certs) {
        if (!ordered.contains(d) && d.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) next = d;
      }
      cur = next;
    }
    return ordered.size() == certs.size() ? ordered : null;
  }

  // ---------------------------------------------------------------- csr

  /** PKCS#10 signature with the request's own public key. */
  static boolean csr(Args a, Map<String, Object> out) throws Exception {
    byte[] der = Pem.single(a.positional(0, "csr FILE"), "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
    PKCS10CertificationRequest req = new PKCS10CertificationRequest(der);
    SubjectPublicKeyInfo spki = req.getSubjectPublicKeyInfo();
    if (spki.getAlgorithm().getAlgorithm().equals(GMObjectIdentifiers.sm2p256v1)) {
      // Variant seen in the wild (Tongsuo/OpenSSL "sm2" keys): algorithm 1.2.156.10197.1.301 instead of
      // id-ecPublicKey. BC's key factory does not know it; verify with the same point as id-ecPublicKey.
      out.put("spkiVariant", "algorithm 1.2.156.10197.1.301 (not id-ecPublicKey)");
      spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
          GMObjectIdentifiers.sm2p256v1), spki.getPublicKeyData().getBytes());
    }
    out.put("subject", req.getSubject().toString());
    out.put("keyAlgorithm", keyAlgorithm(req.getSubjectPublicKeyInfo().getAlgorithm()));
    out.put("signatureAlgorithm", req.getSignatureAlgorithm().getAlgorithm().getId());
    out.put("attributes", req.getAttributes().length);
    boolean valid = req.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(spki));
    out.put("signatureValid", valid);
    if (!valid) out.put("error", "CSR signature does not verify with its own public key");
    return valid;
  }

  // ---------------------------------------------------------------- crl

  /** CRL signature against the issuer certificate's key, issuer name, and a summary. */
  static boolean crl(Args a, Map<String, Object> out) throws Exception {
    X509Certificate issuer = Pem.certs(a.file("issuer")).get(0);
    byte[] der = Pem.single(a.positional(0, "crl --issuer CERT FILE"), "X509 CRL");
    X509CRLHolder crl = new X509CRLHolder(der);
    X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.getEncoded());

    out.put("issuer", crl.getIssuer().toString());
    out.put("signatureAlgorithm", crl.toASN1Structure().getSignatureAlgorithm().getAlgorithm().getId());
    Extensions ext = crl.getExtensions();
    out.put("crlNumber", null);
    if (ext != null && ext.getExtension(Extension.cRLNumber) != null) {
      out.put("crlNumber", ASN1Integer.getInstance(ext.getExtensionParsedValue(Extension.cRLNumber)).getValue().toString());
    }
    out.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
    out.put("nextUpdate", crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant().toString());
    if (ext != null && ext.getExtension(Extension.deltaCRLIndicator) != null) {
      out.put("deltaOf", ASN1Integer.getInstance(ext.getExtensionParsedValue(Extension.deltaCRLIndicator)).getValue().toString());
    }
    if (ext != null && ext.getExtension(Extension.issuingDistributionPoint) != null) {
      out.put("idp", idp(IssuingDistributionPoint.getInstance(ext.getExtensionParsedValue(Extension.issuingDistributionPoint))));
    }
    List<Object> entries = new ArrayList<>();
    int count = 0;
    for (Object o : crl.getRevokedCertificates()) {
      X509CRLEntryHolder e = (X509CRLEntryHolder) o;
      if (count++ >= 10) continue;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("serial", e.getSerialNumber().toString(16).toUpperCase());
      m.put("revocationDate", e.getRevocationDate().toInstant().toString());
      Extensions ee = e.getExtensions();
      if (ee != null && ee.getExtension(Extension.reasonCode) != null) {
        m.put("reason", reasonName(CRLReason.getInstance(ee.getExtensionParsedValue(Extension.reasonCode)).getValue().intValue()));
      }
      if (ee != null && ee.getExtension(Extension.invalidityDate) != null) {
        m.put("invalidityDate", org.bouncycastle.asn1.ASN1GeneralizedTime
            .getInstance(ee.getExtensionParsedValue(Extension.invalidityDate)).getDate().toInstant().toString());
      }
      entries.add(m);
    }
    out.put("entryCount", count);
    out.put("entries", entries);

    boolean nameMatches = crl.getIssuer().equals(issuerHolder.getSubject());
    boolean valid = crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(issuer));
    out.put("issuerNameMatches", nameMatches);
    out.put("signatureValid", valid);
    if (!valid) out.put("error", "CRL signature does not verify with the key of " + issuer.getSubjectX500Principal().getName());
    else if (!nameMatches) out.put("error", "CRL issuer name differs from the certificate's subject");
    return valid && nameMatches;
  }

  private static Map<String, Object> idp(IssuingDistributionPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    DistributionPointName dp = p.getDistributionPoint();
    if (dp != null) {
      if (dp.getType() == DistributionPointName.FULL_NAME) {
        List<Object> names = new ArrayList<>();
        for (GeneralName g : GeneralNames.getInstance(dp.getName()).getNames()) names.add(g.getName().toString());
        m.put("fullName", names);
      } else {
        m.put("nameRelativeToCRLIssuer", dp.getName().toString());
      }
    }
    m.put("onlyContainsUserCerts", p.onlyContainsUserCerts());
    m.put("onlyContainsCACerts", p.onlyContainsCACerts());
    m.put("onlyContainsAttributeCerts", p.onlyContainsAttributeCerts());
    m.put("indirectCRL", p.isIndirectCRL());
    if (p.getOnlySomeReasons() != null) m.put("onlySomeReasons", p.getOnlySomeReasons().intValue());
    return m;
  }

  private static String reasonName(int r) {
    String[] names = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
        "cessationOfOperation", "certificateHold", "7", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
    return r >= 0 && r < names.length ? names[r] : Integer.toString(r);
  }

  // ---------------------------------------------------------------- SM2 encryption (GM/T 0009 SM2Cipher)

  /** Encrypts to the certificate's SM2 key; prints SM2Cipher DER (C1 x, C1 y, C3, C2). */
  static boolean sm2Encrypt(Args a, Map<String, Object> out) throws Exception {
    X509Certificate cert = Pem.certs(a.file("cert")).get(0);
    byte[] plain = a.hex("hex");
    ECPublicKeyParameters pub = (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(cert.getPublicKey());
    requireSm2Curve(pub.getParameters().getCurve());
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(true, new ParametersWithRandom(pub, new SecureRandom()));
    byte[] raw = engine.processBlock(plain, 0, plain.length); // 04 ‖ x ‖ y ‖ C3 ‖ C2
    int n = (pub.getParameters().getCurve().getFieldSize() + 7) / 8;
    if (raw[0] != 0x04) throw new IllegalStateException("unexpected C1 encoding");
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + n))));
    v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + n, 1 + 2 * n))));
    v.add(new DEROctetString(Arrays.copyOfRange(raw, 1 + 2 * n, 1 + 2 * n + 32)));
    v.add(new DEROctetString(Arrays.copyOfRange(raw, 1 + 2 * n + 32, raw.length)));
    out.put("cipherHex", Hex.toHexString(new DERSequence(v).getEncoded(ASN1Encoding.DER)));
    return true;
  }

  /** Decrypts a DER SM2Cipher (C1C3C2 order) with the private key; prints the plaintext. */
  static boolean sm2Decrypt(Args a, Map<String, Object> out) throws Exception {
    ECPrivateKeyParameters priv = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(Keys.privateKey(a.file("key")));
    requireSm2Curve(priv.getParameters().getCurve());
    byte[] der = a.hex("hex");
    ASN1Sequence seq;
    try {
      seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (Exception e) {
      out.put("error", "not a DER SM2Cipher SEQUENCE: " + e.getMessage());
      return false;
    }
    if (seq.size() != 4) {
      out.put("error", "SM2Cipher must have 4 fields, found " + seq.size());
      return false;
    }
    if (!Arrays.equals(seq.getEncoded(ASN1Encoding.DER), der)) {
      out.put("error", "SM2Cipher is not canonical DER (or has trailing bytes)");
      return false;
    }
    BigInteger x = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger y = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    byte[] c3 = ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets();
    byte[] c2 = ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets();
    if (c3.length != 32) {
      out.put("error", "HASH (C3) must be 32 bytes, found " + c3.length);
      return false;
    }
    int n = (priv.getParameters().getCurve().getFieldSize() + 7) / 8;
    byte[] raw = new byte[1 + 2 * n + c3.length + c2.length];
    raw[0] = 0x04;
    System.arraycopy(fixed(x, n), 0, raw, 1, n);
    System.arraycopy(fixed(y, n), 0, raw, 1 + n, n);
    System.arraycopy(c3, 0, raw, 1 + 2 * n, c3.length);
    System.arraycopy(c2, 0, raw, 1 + 2 * n + c3.length, c2.length);
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(false, priv);
    try {
      out.put("plainHex", Hex.toHexString(engine.processBlock(raw, 0, raw.length)));
      return true;
    } catch (Exception e) {
      out.put("error", "decryption failed: " + describe(e));
      return false;
    }
  }

  // ---------------------------------------------------------------- SM2 signatures

  static boolean sm2Sign(Args a, Map<String, Object> out) throws Exception {
    PrivateKey key = Keys.privateKey(a.file("key"));
    Signature s = Signature.getInstance("SM3withSM2", "BC");
    s.initSign(key);
    s.update(a.hex("data-hex"));
    out.put("sigHex", Hex.toHexString(s.sign()));
    return true;
  }

  static boolean sm2Verify(Args a, Map<String, Object> out) throws Exception {
    X509Certificate cert = Pem.certs(a.file("cert")).get(0);
    Signature s = Signature.getInstance("SM3withSM2", "BC");
    s.initVerify(cert.getPublicKey());
    s.update(a.hex("data-hex"));
    boolean valid;
    try {
      valid = s.verify(a.hex("sig-hex"));
    } catch (java.security.SignatureException e) {
      out.put("error", "malformed signature: " + describe(e));
      return false;
    }
    out.put("signatureValid", valid);
    if (!valid) out.put("error", "signature does not verify (SM3withSM2, ID 1234567812345678)");
    return valid;
  }

  // ---------------------------------------------------------------- key-matches

  static boolean keyMatches(Args a, Map<String, Object> out) throws Exception {
    ECPrivateKeyParameters priv = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(Keys.privateKey(a.file("key")));
    X509Certificate cert = Pem.certs(a.file("cert")).get(0);
    ECPublicKeyParameters pub = (ECPublicKeyParameters) ECUtil.generatePublicKeyParameter(cert.getPublicKey());
    ECPoint q = priv.getParameters().getG().multiply(priv.getD()).normalize();
    ECPoint p = pub.getQ().normalize();
    out.put("keyPoint", Hex.toHexString(q.getEncoded(false)));
    out.put("certPoint", Hex.toHexString(p.getEncoded(false)));
    boolean same = priv.getParameters().getCurve().equals(pub.getParameters().getCurve()) && q.equals(p);
    if (!same) out.put("error", "the private key does not belong to " + cert.getSubjectX500Principal().getName());
    return same;
  }

  // ---------------------------------------------------------------- ocsp-response

  /**
   * An OCSPResponse (RFC 6960) read with BC's OCSPResp: the status of each SingleResponse, whether
   * its CertID names a certificate of --issuer (BC's CertificateID.matchesIssuer), the signature
   * with the responder's key, and the responder's authority: the issuer itself, or a certificate
   * the issuer signed with id-kp-OCSPSigning. The responder certificate is --responder, else the
   * certificate in the response that the ResponderID names, else the issuer. With --request the
   * nonce must be echoed and every requested CertID answered.
   */
  static boolean ocspResponse(Args a, Map<String, Object> out) throws Exception {
    X509Certificate issuer = Pem.certs(a.file("issuer")).get(0);
    X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.getEncoded());
    byte[] der = Pem.single(a.positional(0, "ocsp-response --issuer CERT FILE"), "OCSP RESPONSE");
    org.bouncycastle.cert.ocsp.OCSPResp resp = new org.bouncycastle.cert.ocsp.OCSPResp(der);
    String[] statusNames = {"successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized"};
    int status = resp.getStatus();
    out.put("responseStatus", status >= 0 && status < statusNames.length ? statusNames[status] : Integer.toString(status));
    if (status != 0) {
      out.put("error", "responseStatus " + out.get("responseStatus"));
      return false;
    }
    org.bouncycastle.cert.ocsp.BasicOCSPResp basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) resp.getResponseObject();
    org.bouncycastle.asn1.ocsp.ResponderID rid = basic.getResponderId().toASN1Primitive();
    byte[] keyHash = rid.getKeyHash();
    out.put("responderId", keyHash != null ? "byKey:" + Hex.toHexString(keyHash) : "byName:" + rid.getName());
    out.put("producedAt", basic.getProducedAt().toInstant().toString());
    out.put("signatureAlgorithm", basic.getSignatureAlgOID().getId());
    X509CertificateHolder[] certs = basic.getCerts();
    out.put("certCount", certs.length);

    X509CertificateHolder responder = null;
    if (a.opt("responder") != null) {
      responder = new X509CertificateHolder(Pem.certs(a.file("responder")).get(0).getEncoded());
    } else {
      for (X509CertificateHolder c : certs) if (responderIdNames(rid, c)) responder = c;
      if (responder == null && responderIdNames(rid, issuerHolder)) responder = issuerHolder;
    }
    if (responder == null) {
      out.put("error", "no responder certificate matches the ResponderID");
      return false;
    }
    out.put("responder", responder.getSubject().toString());
    boolean idMatches = responderIdNames(rid, responder);
    out.put("responderIdMatches", idMatches);
    boolean sigValid = basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(responder));
    out.put("signatureValid", sigValid);
    boolean delegated = !responder.equals(issuerHolder);
    out.put("delegated", delegated);
    boolean authorized = true;
    if (delegated) {
      boolean signedByIssuer = responder.getIssuer().equals(issuerHolder.getSubject())
          && responder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(issuerHolder));
      org.bouncycastle.asn1.x509.ExtendedKeyUsage eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions());
      boolean ocspSigning = eku != null && eku.hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning);
      out.put("responderSignedByIssuer", signedByIssuer);
      out.put("responderHasOcspSigning", ocspSigning);
      out.put("responderNoCheck", responder.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nocheck) != null);
      authorized = signedByIssuer && ocspSigning;
    }
    out.put("responderAuthorized", authorized);

    org.bouncycastle.operator.DigestCalculatorProvider digests =
        new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().setProvider("BC").build();
    List<Object> responses = new ArrayList<>();
    boolean allMatchIssuer = true;
    for (org.bouncycastle.cert.ocsp.SingleResp sr : basic.getResponses()) {
      Map<String, Object> m = new LinkedHashMap<>();
      org.bouncycastle.cert.ocsp.CertificateID id = sr.getCertID();
      m.put("serial", id.getSerialNumber().toString(16));
      m.put("hashAlgorithm", id.getHashAlgOID().getId());
      boolean matches = id.matchesIssuer(issuerHolder, digests);
      allMatchIssuer &= matches;
      m.put("matchesIssuer", matches);
      Object st = sr.getCertStatus();
      if (st == org.bouncycastle.cert.ocsp.CertificateStatus.GOOD) {
        m.put("status", "good");
      } else if (st instanceof org.bouncycastle.cert.ocsp.RevokedStatus) {
        org.bouncycastle.cert.ocsp.RevokedStatus r = (org.bouncycastle.cert.ocsp.RevokedStatus) st;
        m.put("status", "revoked");
        m.put("revocationTime", r.getRevocationTime().toInstant().toString());
        m.put("reason", r.hasRevocationReason() ? reasonName(r.getRevocationReason()) : null);
      } else if (st instanceof org.bouncycastle.cert.ocsp.UnknownStatus) {
        m.put("status", "unknown");
      } else {
        m.put("status", String.valueOf(st));
      }
      m.put("thisUpdate", sr.getThisUpdate().toInstant().toString());
      m.put("nextUpdate", sr.getNextUpdate() == null ? null : sr.getNextUpdate().toInstant().toString());
      responses.add(m);
    }
    out.put("responses", responses);
    out.put("allMatchIssuer", allMatchIssuer);
    Extension nonceExt = basic.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    out.put("nonceHex", nonceExt == null ? null : Hex.toHexString(nonceValue(nonceExt)));

    boolean requestOk = true;
    if (a.opt("request") != null) {
      org.bouncycastle.cert.ocsp.OCSPReq req = new org.bouncycastle.cert.ocsp.OCSPReq(Pem.single(a.file("request"), "OCSP REQUEST"));
      Extension reqNonce = req.getExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      boolean nonceOk = reqNonce == null
          || (nonceExt != null && Arrays.equals(reqNonce.getExtnValue().getOctets(), nonceExt.getExtnValue().getOctets()));
      boolean idsAnswered = true;
      for (org.bouncycastle.cert.ocsp.Req r : req.getRequestList()) {
        boolean found = false;
        for (org.bouncycastle.cert.ocsp.SingleResp sr : basic.getResponses()) found |= sr.getCertID().equals(r.getCertID());
        idsAnswered &= found;
      }
      out.put("requestNonceEchoed", nonceOk);
      out.put("requestCertIdsAnswered", idsAnswered);
      requestOk = nonceOk && idsAnswered;
    }

    boolean ok = sigValid && idMatches && authorized && allMatchIssuer && requestOk;
    if (!sigValid) out.put("error", "signature does not verify with the key of " + responder.getSubject());
    else if (!idMatches) out.put("error", "the ResponderID does not name the responder certificate");
    else if (!authorized) out.put("error", "the responder is neither the issuer nor an OCSP signer it certified");
    else if (!allMatchIssuer) out.put("error", "a CertID does not name the issuer");
    else if (!requestOk) out.put("error", "the response does not answer the request (nonce or CertIDs)");
    return ok;
  }

  /** Whether the ResponderID names this certificate: SHA-1 of its public key bits, or its subject. */
  private static boolean responderIdNames(org.bouncycastle.asn1.ocsp.ResponderID rid, X509CertificateHolder c) throws Exception {
    if (rid.getKeyHash() != null) {
      byte[] h = java.security.MessageDigest.getInstance("SHA-1")
          .digest(c.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
      return Arrays.equals(h, rid.getKeyHash());
    }
    return rid.getName().equals(c.getSubject());
  }

  /** The nonce of an id-pkix-ocsp-nonce extension: the inner OCTET STRING (RFC 8954) or the raw extnValue. */
  private static byte[] nonceValue(Extension e) {
    byte[] v = e.getExtnValue().getOctets();
    try {
      return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(v)).getOctets();
    } catch (Exception notDer) {
      return v;
    }
  }

  // ---------------------------------------------------------------- tsp-token

  /**
   * A TimeStampResp or a bare TimeStampToken (RFC 3161), read and validated with BC's
   * TimeStampToken.validate: the CMS signature with --tsa-cert's key (SM3withSM2 or RSA), the ESS
   * signing-certificate(-v2) hash and issuerSerial, a critical EKU of id-kp-timeStamping only, and
   * the certificate's validity at genTime. --request checks the response against the TimeStampReq
   * (TimeStampResponse.validate: nonce, imprint, policy, certReq); --data-hex checks the imprint.
   * A rejection response prints its status, statusString and failInfo, and fails.
   */
  static boolean tspToken(Args a, Map<String, Object> out) throws Exception {
    X509Certificate tsa = Pem.certs(a.file("tsa-cert")).get(0);
    byte[] der = Pem.single(a.positional(0, "tsp-token --tsa-cert CERT FILE"), "TIMESTAMP RESPONSE", "PKCS7");
    ASN1Sequence top = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    org.bouncycastle.tsp.TimeStampToken token;
    org.bouncycastle.tsp.TimeStampResponse resp = null;
    if (top.getObjectAt(0) instanceof ASN1ObjectIdentifier) {
      out.put("input", "TimeStampToken");
      token = new org.bouncycastle.tsp.TimeStampToken(org.bouncycastle.asn1.cms.ContentInfo.getInstance(top));
    } else {
      out.put("input", "TimeStampResp");
      resp = new org.bouncycastle.tsp.TimeStampResponse(der);
      String[] names = {"granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"};
      int st = resp.getStatus();
      out.put("status", st >= 0 && st < names.length ? names[st] : Integer.toString(st));
      out.put("statusString", resp.getStatusString());
      org.bouncycastle.asn1.tsp.TimeStampResp raw = org.bouncycastle.asn1.tsp.TimeStampResp.getInstance(der);
      org.bouncycastle.asn1.ASN1BitString bits = raw.getStatus().getFailInfo();
      List<Object> bitList = new ArrayList<>();
      if (bits != null) {
        byte[] b = bits.getBytes();
        for (int i = 0; i < b.length * 8 - bits.getPadBits(); i++) if ((b[i / 8] & (0x80 >> (i % 8))) != 0) bitList.add(i);
      }
      out.put("failInfoBits", bitList);
      List<Object> failNames = new ArrayList<>();
      org.bouncycastle.asn1.cmp.PKIFailureInfo fi = resp.getFailInfo();
      if (fi != null) {
        Object[][] known = {
            {"badAlg", org.bouncycastle.asn1.cmp.PKIFailureInfo.badAlg},
            {"badRequest", org.bouncycastle.asn1.cmp.PKIFailureInfo.badRequest},
            {"badDataFormat", org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat},
            {"timeNotAvailable", org.bouncycastle.asn1.cmp.PKIFailureInfo.timeNotAvailable},
            {"unacceptedPolicy", org.bouncycastle.asn1.cmp.PKIFailureInfo.unacceptedPolicy},
            {"unacceptedExtension", org.bouncycastle.asn1.cmp.PKIFailureInfo.unacceptedExtension},
            {"addInfoNotAvailable", org.bouncycastle.asn1.cmp.PKIFailureInfo.addInfoNotAvailable},
            {"systemFailure", org.bouncycastle.asn1.cmp.PKIFailureInfo.systemFailure}};
        for (Object[] k : known) if ((fi.intValue() & (Integer) k[1]) != 0) failNames.add(k[0]);
      }
      out.put("failInfo", failNames);
      token = resp.getTimeStampToken();
      if (token == null) {
        out.put("error", "no TimeStampToken (status " + out.get("status") + ")");
        return false;
      }
    }

    org.bouncycastle.cms.CMSSignedData cms = token.toCMSSignedData();
    out.put("contentType", cms.toASN1Structure().getContentType().getId());
    org.bouncycastle.cms.SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
    out.put("digestAlgorithm", si.getDigestAlgOID());
    out.put("signatureAlgorithm", si.getEncryptionAlgOID());
    out.put("certificatesIncluded", token.getCertificates().getMatches(null).size());
    org.bouncycastle.asn1.cms.AttributeTable attrs = si.getSignedAttributes();
    out.put("signingCertificateV2", attrs != null
        && attrs.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null);
    out.put("signingCertificateV1", attrs != null
        && attrs.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificate) != null);
    if (attrs != null && attrs.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null) {
      ASN1Encodable value = attrs.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0);
      org.bouncycastle.asn1.ess.ESSCertIDv2 id = org.bouncycastle.asn1.ess.SigningCertificateV2.getInstance(value).getCerts()[0];
      out.put("essCertHashAlgorithm", id.getHashAlgorithm().getAlgorithm().getId());
      // DER DEFAULT: is the hash AlgorithmIdentifier written at all? (read from the received encoding)
      ASN1Sequence firstId = ASN1Sequence.getInstance(
          ASN1Sequence.getInstance(ASN1Sequence.getInstance(value.toASN1Primitive().getEncoded()).getObjectAt(0)).getObjectAt(0));
      out.put("essHashAlgorithmEncoded", firstId.getObjectAt(0).toASN1Primitive() instanceof ASN1Sequence);
    }

    org.bouncycastle.tsp.TimeStampTokenInfo info = token.getTimeStampInfo();
    out.put("genTime", info.getGenTime().toInstant().toString());
    out.put("genTimeText", info.toASN1Structure().getGenTime().getTimeString());
    out.put("serial", info.getSerialNumber().toString(16));
    out.put("policy", info.getPolicy().getId());
    out.put("imprintAlgorithm", info.getMessageImprintAlgOID().getId());
    out.put("imprintHex", Hex.toHexString(info.getMessageImprintDigest()));
    out.put("nonce", info.getNonce() == null ? null : info.getNonce().toString(16));
    out.put("ordering", info.isOrdered());
    org.bouncycastle.tsp.GenTimeAccuracy acc = info.getGenTimeAccuracy();
    if (acc != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seconds", acc.getSeconds());
      m.put("millis", acc.getMillis());
      m.put("micros", acc.getMicros());
      out.put("accuracy", m);
    }
    out.put("tsa", info.getTsa() == null ? null : info.getTsa().getName().toString());

    boolean valid;
    try {
      token.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(tsa));
      valid = true;
    } catch (Exception e) {
      valid = false;
      out.put("error", "token does not validate: " + describe(e));
    }
    out.put("valid", valid);

    boolean requestOk = true;
    if (a.opt("request") != null) {
      if (resp == null) throw new UsageException("--request needs a TimeStampResp, not a bare token");
      org.bouncycastle.tsp.TimeStampRequest req = new org.bouncycastle.tsp.TimeStampRequest(Pem.single(a.file("request"), "TIMESTAMP QUERY"));
      try {
        resp.validate(req);
      } catch (Exception e) {
        requestOk = false;
        if (valid) out.put("error", "response does not match the request: " + describe(e));
      }
      out.put("requestMatches", requestOk);
    }
    boolean dataOk = true;
    if (a.opt("data-hex") != null) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance(info.getMessageImprintAlgOID().getId(), "BC");
      dataOk = Arrays.equals(md.digest(a.hex("data-hex")), info.getMessageImprintDigest());
      out.put("imprintMatchesData", dataOk);
      if (!dataOk && valid && requestOk) out.put("error", "the imprint is not the hash of --data-hex");
    }
    return valid && requestOk && dataOk;
  }

  // ---------------------------------------------------------------- helpers

  private static void requireSm2Curve(org.bouncycastle.math.ec.ECCurve c) {
    if (!c.equals(org.bouncycastle.asn1.gm.GMNamedCurves.getByName("sm2p256v1").getCurve())) {
      throw new IllegalArgumentException("the key is not on the SM2 curve");
    }
  }

  private static byte[] fixed(BigInteger v, int n) {
    byte[] b = v.toByteArray();
    if (b.length == n) return b;
    if (b.length == n + 1 && b[0] == 0) return Arrays.copyOfRange(b, 1, b.length);
    if (b.length < n && v.signum() >= 0) {
      byte[] r = new byte[n];
      System.arraycopy(b, 0, r, n - b.length, b.length);
      return r;
    }
    throw new IllegalArgumentException("coordinate does not fit in " + n + " bytes");
  }

  private static String keyAlgorithm(AlgorithmIdentifier alg) {
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ASN1Encodable p = alg.getParameters();
      if (p instanceof ASN1ObjectIdentifier && p.equals(GMObjectIdentifiers.sm2p256v1)) return "EC/SM2";
      return "EC/" + (p == null ? "?" : p.toString());
    }
    if (oid.equals(GMObjectIdentifiers.sm2p256v1)) return "SM2";
    if (oid.equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption)) return "RSA";
    return oid.getId();
  }

  static Instant parseTime(String s) throws UsageException {
    try {
      return Instant.parse(s);
    } catch (Exception e1) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (Exception e2) {
        try {
          return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (Exception e3) {
          throw new UsageException("not an ISO time: " + s);
        }
      }
    }
  }

  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (b.length() > 0) b.append(" <- ");
      b.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) b.append(": ").append(t.getMessage());
    }
    return b.toString();
  }

  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String m) {
      super(m);
    }
  }

  // ---------------------------------------------------------------- seals (GM/T 0031-2014 v1, GB/T 38540-2020 v4)
  //
  // Written from the standards' ASN.1 with BC's generic ASN.1 classes (BC has no seal support):
  //   v1 SESeal = SEQUENCE { SES_SealInfo, SES_SignInfo { cert, alg, signData } }, the maker signs
  //      DER SEQUENCE { SES_SealInfo, cert, alg };
  //   v4 SESeal = SEQUENCE { SES_SealInfo, cert, alg, signedValue }, the maker signs DER SES_SealInfo;
  //   v5 (GM/T 0031-2025) adds timeStamp [0] OPTIONAL as a fifth element.
  //   SES_SealInfo = SEQUENCE { header {ID, version, Vid}, esID, property, picture, extDatas OPTIONAL }
  //   property: v1 {type, name, certList, createDate, validStart, validEnd} (UTCTime),
  //             v4 {type, name, certListType, certList, createDate, validStart, validEnd} (GeneralizedTime)
  //   v1 SES_Signature = SEQUENCE { TBS_Sign{version, eseal, timeInfo BIT STRING, dataHash, propertyInfo,
  //      cert, alg}, signature }; v4 = SEQUENCE { TBS_Sign{version, eseal, timeInfo GeneralizedTime,
  //      dataHash, propertyInfo, [0] extDatas OPTIONAL}, cert, alg, signature, [0] timeStamp OPTIONAL }.
  // The version comes from the structure (element counts), not from header.version (gm-standards 2.5).
  // Signatures: SM3withSM2 with the default ID (DER SM2Signature or raw r||s), or RSA PKCS#1 v1.5.
  // Vendor variants that are accepted and reported: extDatas untagged, [0]-tagged or wrapped in an
  // OCTET STRING; v1 SES_SignInfo wrapped in a BIT STRING; UTCTime or GeneralizedTime anywhere;
  // timeStamp [0] EXPLICIT, [0] IMPLICIT or untagged.

  static final class SealFacts {
    int version;
    ASN1Sequence sealInfo;
    byte[] makerCert;
    String alg;
    byte[] signature;
    byte[] signed;
    int certListType = 1;
    final List<byte[]> certs = new ArrayList<>();
    final List<Object[]> digests = new ArrayList<>(); // {String type, byte[] value}
    Date createDate;
    Date validStart;
    Date validEnd;
    ASN1Encodable timeStamp; // v5 only
  }

  static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  static String kind(ASN1Encodable e) {
    if (e == null) return "nothing";
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof org.bouncycastle.asn1.ASN1TaggedObject) return "[" + ((org.bouncycastle.asn1.ASN1TaggedObject) p).getTagNo() + "]";
    return p.getClass().getSimpleName().replaceFirst("^(DER|DL|BER|ASN1)", "");
  }

  static ASN1Sequence seq(ASN1Encodable e, String what) {
    if (e != null && e.toASN1Primitive() instanceof ASN1Sequence) return (ASN1Sequence) e.toASN1Primitive();
    throw new IllegalArgumentException(what + ": expected a SEQUENCE, found " + kind(e));
  }

  static ASN1Sequence seq(ASN1Encodable e, String what, int min, int max) {
    ASN1Sequence s = seq(e, what);
    if (s.size() < min || s.size() > max) {
      throw new IllegalArgumentException(what + ": " + s.size() + " elements, expected " + (min == max ? "" + min : min + " to " + max));
    }
    return s;
  }

  static String text(ASN1Encodable e) {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof org.bouncycastle.asn1.ASN1String) return ((org.bouncycastle.asn1.ASN1String) p).getString();
    throw new IllegalArgumentException("expected a string, found " + kind(p));
  }

  static int small(ASN1Encodable e) {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof ASN1Integer) return ((ASN1Integer) p).intValueExact();
    throw new IllegalArgumentException("expected an INTEGER, found " + kind(p));
  }

  static byte[] octets(ASN1Encodable e, String what) {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof ASN1OctetString) return ((ASN1OctetString) p).getOctets();
    throw new IllegalArgumentException(what + ": expected an OCTET STRING, found " + kind(p));
  }

  static byte[] bits(ASN1Encodable e, String what) {
    ASN1Primitive p = e.toASN1Primitive();
    if (!(p instanceof org.bouncycastle.asn1.ASN1BitString)) {
      throw new IllegalArgumentException(what + ": expected a BIT STRING, found " + kind(p));
    }
    org.bouncycastle.asn1.ASN1BitString b = (org.bouncycastle.asn1.ASN1BitString) p;
    if (b.getPadBits() != 0) throw new IllegalArgumentException(what + ": BIT STRING with " + b.getPadBits() + " unused bits");
    return b.getOctets();
  }

  static String oid(ASN1Encodable e, String what) {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof ASN1ObjectIdentifier) return ((ASN1ObjectIdentifier) p).getId();
    throw new IllegalArgumentException(what + ": expected an OBJECT IDENTIFIER, found " + kind(p));
  }

  static Date asDate(ASN1Encodable e) throws Exception {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof org.bouncycastle.asn1.ASN1UTCTime) return ((org.bouncycastle.asn1.ASN1UTCTime) p).getAdjustedDate();
    if (p instanceof org.bouncycastle.asn1.ASN1GeneralizedTime) return ((org.bouncycastle.asn1.ASN1GeneralizedTime) p).getDate();
    throw new IllegalArgumentException("expected a time, found " + kind(p));
  }

  static String timeType(ASN1Encodable e) {
    return e.toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1UTCTime ? "UTCTime" : "GeneralizedTime";
  }

  static X509Certificate certFromDer(byte[] der, String what) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509", "BC").generateCertificate(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new IllegalArgumentException(what + " is not a certificate: " + describe(e));
    }
  }

  static String pem(byte[] der, String type) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** The input as one DER object; the whole file must be that object. */
  static ASN1Primitive readDer(byte[] der, String what) {
    if (der.length == 0) throw new IllegalArgumentException(what + ": empty file");
    try {
      return ASN1Primitive.fromByteArray(der);
    } catch (Exception e) {
      throw new IllegalArgumentException(what + ": not DER/BER (" + describe(e) + ")");
    }
  }

  /** A seal or signature file: DER, or the same in base64 (bare or as a PEM block); notes which in out. */
  static byte[] readSealFile(String file, Map<String, Object> out) throws IOException {
    byte[] b = Files.readAllBytes(Paths.get(file));
    if (b.length == 0 || b[0] == 0x30) return b;
    String t = new String(b, StandardCharsets.ISO_8859_1).replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "");
    if (t.matches("[A-Za-z0-9+/=\\s]+")) {
      try {
        byte[] d = Base64.getMimeDecoder().decode(t);
        if (d.length > 0 && d[0] == 0x30) {
          out.put("input", "base64");
          return d;
        }
      } catch (IllegalArgumentException e) {
        // not base64 after all: report the bytes as they are
      }
    }
    return b;
  }

  static String sealSignatureName(String alg) {
    switch (alg) {
      case "1.2.156.10197.1.501": // SM3withSM2
      case "1.2.156.10197.1.301.1": // SM2-1 (GM/T 0010 style), also seen for SM3withSM2
        return "SM3withSM2";
      case "1.2.840.113549.1.1.11": return "SHA256withRSA";
      case "1.2.840.113549.1.1.12": return "SHA384withRSA";
      case "1.2.840.113549.1.1.13": return "SHA512withRSA";
      case "1.2.840.113549.1.1.5": return "SHA1withRSA";
      default: return null;
    }
  }

  /** The digest that goes with a signature algorithm (dataHash): SM3 for SM2, SHA-x for RSA. */
  static String hashFor(String alg) {
    String n = sealSignatureName(alg);
    if (n == null || n.startsWith("SM3")) return "SM3";
    if (n.startsWith("SHA1")) return "SHA-1";
    return "SHA-" + n.substring(3, 6);
  }

  /**
   * Verifies a seal signature value by algorithm OID and puts {@code <stem>Encoding} and, when it
   * cannot be checked, {@code <stem>Error} into out (stem "signature" or "makerSignature"). An SM2 value may be the DER
   * SM2Signature or raw r||s (64 bytes).
   */
  static boolean sealSignatureValid(X509Certificate cert, String alg, byte[] data, byte[] sig, Map<String, Object> out, String stem) {
    String name = sealSignatureName(alg);
    if (name == null) {
      out.put(stem + "Error", "unsupported signature algorithm " + alg);
      return false;
    }
    byte[] value = sig;
    String encoding = name.startsWith("SM3") ? "DER SM2Signature" : "PKCS#1";
    if (name.startsWith("SM3") && !isDerRS(sig)) {
      if (sig.length != 64) {
        out.put(stem + "Encoding", "neither DER SM2Signature nor raw r||s (" + sig.length + " bytes)");
        return false;
      }
      encoding = "raw r||s";
      ASN1EncodableVector rs = new ASN1EncodableVector();
      rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(sig, 0, 32))));
      rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64))));
      try {
        value = new DERSequence(rs).getEncoded(ASN1Encoding.DER);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    out.put(stem + "Encoding", encoding);
    try {
      Signature v = Signature.getInstance(name, "BC");
      v.initVerify(cert.getPublicKey());
      v.update(data);
      return v.verify(value);
    } catch (Exception e) {
      out.put(stem + "Error", describe(e));
      return false;
    }
  }

  static boolean isDerRS(byte[] sig) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(sig);
      if (!(p instanceof ASN1Sequence) || ((ASN1Sequence) p).size() != 2) return false;
      for (ASN1Encodable e : (ASN1Sequence) p) if (!(e instanceof ASN1Integer)) return false;
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** ExtensionDatas in any of the forms seen: untagged, [0] EXPLICIT, [0] IMPLICIT, OCTET STRING-wrapped. */
  static Map<String, Object> extDatas(ASN1Encodable e) throws Exception {
    ASN1Primitive p = e.toASN1Primitive();
    String form;
    ASN1Sequence list;
    if (p instanceof ASN1Sequence) {
      form = "untagged";
      list = (ASN1Sequence) p;
    } else if (p instanceof org.bouncycastle.asn1.ASN1TaggedObject) {
      org.bouncycastle.asn1.ASN1TaggedObject t = (org.bouncycastle.asn1.ASN1TaggedObject) p;
      ASN1Primitive base = t.isExplicit() ? t.getExplicitBaseObject().toASN1Primitive() : null;
      if (base instanceof ASN1Sequence && allSequences((ASN1Sequence) base)) {
        form = "[" + t.getTagNo() + "] EXPLICIT";
        list = (ASN1Sequence) base;
      } else {
        form = "[" + t.getTagNo() + "] IMPLICIT";
        list = ASN1Sequence.getInstance(t.getBaseUniversal(false, org.bouncycastle.asn1.BERTags.SEQUENCE));
      }
    } else if (p instanceof ASN1OctetString) {
      form = "OCTET STRING-wrapped";
      list = seq(readDer(((ASN1OctetString) p).getOctets(), "extDatas in an OCTET STRING"), "extDatas");
    } else {
      throw new IllegalArgumentException("extDatas: unexpected " + kind(p));
    }
    List<Object> exts = new ArrayList<>();
    for (ASN1Encodable x : list) {
      ASN1Sequence d = seq(x, "ExtData", 2, 3);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", oid(d.getObjectAt(0), "ExtData.extnID"));
      boolean critical = d.size() == 3 && org.bouncycastle.asn1.ASN1Boolean.getInstance(d.getObjectAt(1)).isTrue();
      m.put("critical", critical);
      if (d.size() == 3 && !critical) m.put("defaultFalseEncoded", true); // DER omits a DEFAULT value
      m.put("bytes", octets(d.getObjectAt(d.size() - 1), "ExtData.extnValue").length);
      exts.add(m);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("form", form);
    r.put("count", exts.size());
    r.put("extensions", exts);
    return r;
  }

  static boolean allSequences(ASN1Sequence s) {
    for (ASN1Encodable x : s) if (!(x.toASN1Primitive() instanceof ASN1Sequence)) return false;
    return true;
  }

  static String pictureFormat(byte[] d) {
    if (d.length >= 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') return "PNG";
    if (d.length >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8) return "JPEG";
    if (d.length >= 6 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F') return "GIF";
    if (d.length >= 2 && d[0] == 'B' && d[1] == 'M') return "BMP";
    if (d.length >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) return "ZIP (OFD)";
    String head = new String(d, 0, Math.min(d.length, 256), StandardCharsets.ISO_8859_1);
    if (head.contains("<svg") || head.startsWith("<?xml")) return "SVG/XML";
    return "unknown";
  }

  /** Decodes an SESeal into out; the caller checks the maker signature with {@link #makerValid}. */
  static SealFacts readSeal(ASN1Encodable enc, Map<String, Object> out) throws Exception {
    SealFacts f = new SealFacts();
    ASN1Sequence s = seq(enc, "SESeal");
    f.sealInfo = seq(s.getObjectAt(0), "SES_SealInfo", 4, 5);
    ASN1Sequence header = seq(f.sealInfo.getObjectAt(0), "SES_Header", 3, 3);
    int headerVersion = small(header.getObjectAt(1));
    if (s.size() == 2) f.version = 1;
    else if (s.size() == 4) f.version = headerVersion == 5 ? 5 : 4;
    else if (s.size() == 5) f.version = 5;
    else throw new IllegalArgumentException("SESeal with " + s.size() + " elements (2 = v1, 4 = v4, 5 = v5)");
    out.put("version", f.version);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("id", text(header.getObjectAt(0)));
    h.put("version", headerVersion);
    h.put("vid", text(header.getObjectAt(2)));
    out.put("header", h);
    out.put("vid", h.get("vid"));
    out.put("esId", text(f.sealInfo.getObjectAt(1)));

    ASN1Sequence prop = seq(f.sealInfo.getObjectAt(2), "SES_ESPropertyInfo", 6, 7);
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", small(prop.getObjectAt(0)));
    property.put("name", text(prop.getObjectAt(1)));
    int i = 2;
    if (prop.size() == 7) f.certListType = small(prop.getObjectAt(i++)); // v4: certListType; v1 has none
    if (f.certListType != 1 && f.certListType != 2) throw new IllegalArgumentException("certListType " + f.certListType + " (1 or 2 expected)");
    for (ASN1Encodable e : seq(prop.getObjectAt(i++), "certList")) {
      if (f.certListType == 1) {
        ASN1Primitive c = e.toASN1Primitive();
        f.certs.add(c instanceof ASN1Sequence ? c.getEncoded(ASN1Encoding.DER) : octets(c, "certList entry"));
      } else {
        ASN1Sequence d = seq(e, "CertDigestObj", 2, 2);
        f.digests.add(new Object[] {text(d.getObjectAt(0)), octets(d.getObjectAt(1), "CertDigestObj.value")});
      }
    }
    String dateType = timeType(prop.getObjectAt(i));
    f.createDate = asDate(prop.getObjectAt(i++));
    f.validStart = asDate(prop.getObjectAt(i++));
    f.validEnd = asDate(prop.getObjectAt(i));
    property.put("certListType", f.certListType);
    property.put("certCount", f.certListType == 1 ? f.certs.size() : f.digests.size());
    if (f.certListType == 2) {
      List<Object> types = new ArrayList<>();
      for (Object[] d : f.digests) types.add(d[0]);
      property.put("certDigestTypes", types);
    }
    property.put("createDate", f.createDate.toInstant().toString());
    property.put("validStart", f.validStart.toInstant().toString());
    property.put("validEnd", f.validEnd.toInstant().toString());
    property.put("timeType", dateType);
    out.put("property", property);

    ASN1Sequence pic = seq(f.sealInfo.getObjectAt(3), "SES_ESPictrueInfo", 4, 4);
    Map<String, Object> picture = new LinkedHashMap<>();
    byte[] data = octets(pic.getObjectAt(1), "picture data");
    picture.put("type", text(pic.getObjectAt(0)));
    picture.put("bytes", data.length);
    picture.put("width", small(pic.getObjectAt(2)));
    picture.put("height", small(pic.getObjectAt(3)));
    picture.put("detected", pictureFormat(data));
    out.put("picture", picture);
    if (f.sealInfo.size() == 5) out.put("extDatas", extDatas(f.sealInfo.getObjectAt(4)));

    if (f.version == 1) {
      ASN1Primitive si = s.getObjectAt(1).toASN1Primitive();
      if (si instanceof org.bouncycastle.asn1.ASN1BitString) { // ofdrw accepts this non-conforming form
        out.put("signInfoForm", "BIT STRING-wrapped");
        si = readDer(bits(si, "signInfo"), "SES_SignInfo in a BIT STRING");
      }
      ASN1Sequence signInfo = seq(si, "SES_SignInfo", 3, 3);
      f.makerCert = octets(signInfo.getObjectAt(0), "SES_SignInfo.cert");
      f.alg = oid(signInfo.getObjectAt(1), "SES_SignInfo.signatureAlgorithm");
      f.signature = bits(signInfo.getObjectAt(2), "SES_SignInfo.signData");
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(f.sealInfo);
      v.add(signInfo.getObjectAt(0));
      v.add(signInfo.getObjectAt(1));
      f.signed = new DERSequence(v).getEncoded(ASN1Encoding.DER);
    } else {
      f.makerCert = octets(s.getObjectAt(1), "SESeal.cert");
      f.alg = oid(s.getObjectAt(2), "SESeal.signAlgID");
      f.signature = bits(s.getObjectAt(3), "SESeal.signedValue");
      f.signed = f.sealInfo.getEncoded(ASN1Encoding.DER);
      if (s.size() == 5) f.timeStamp = s.getObjectAt(4);
    }
    X509Certificate maker = certFromDer(f.makerCert, "the maker certificate");
    out.put("makerSubject", maker.getSubjectX500Principal().getName());
    out.put("makerSerial", maker.getSerialNumber().toString(16).toUpperCase());
    out.put("makerIssuer", maker.getIssuerX500Principal().getName());
    out.put("makerNotBefore", maker.getNotBefore().toInstant().toString());
    out.put("makerNotAfter", maker.getNotAfter().toInstant().toString());
    out.put("signatureAlgorithm", f.alg);
    out.put("signedOver", f.version == 1 ? "SEQUENCE { esealInfo, cert, signatureAlgorithm }" : "SES_SealInfo");
    return f;
  }

  static boolean makerValid(SealFacts f, Map<String, Object> out) {
    return sealSignatureValid(certFromDer(f.makerCert, "the maker certificate"), f.alg, f.signed, f.signature, out, "makerSignature");
  }

  static boolean seal(Args a, Map<String, Object> out) throws Exception {
    byte[] der = readSealFile(a.positional(0, "seal FILE"), out);
    Instant at = a.opt("at") == null ? null : parseTime(a.opt("at"));
    ASN1Primitive p = readDer(der, "SESeal");
    out.put("der", Arrays.equals(der, p.getEncoded(ASN1Encoding.DER)));
    SealFacts f = readSeal(p, out);
    boolean valid = makerValid(f, out);
    out.put("makerSignatureValid", valid);
    boolean ok = valid;
    if (f.timeStamp != null) ok &= checkTimeStamp(f.timeStamp, f.signature, out);
    else if (f.version == 5) out.put("timeStampPresent", false);
    if (at != null) {
      Date d = Date.from(at);
      boolean validAt = !d.before(f.validStart) && !d.after(f.validEnd);
      out.put("at", at.toString());
      out.put("validAt", validAt);
      ok = ok && validAt;
    }
    if (!ok) {
      List<String> failed = new ArrayList<>();
      for (String k : new String[] {"makerSignatureValid", "validAt", "timeStampParsed", "timeStampImprintMatches", "timeStampSignatureValid"}) {
        if (Boolean.FALSE.equals(out.get(k))) failed.add(k);
      }
      out.put("error", "failed: " + String.join(", ", failed));
    }
    return ok;
  }

  static String digestName(String name) {
    String n = name.trim().toLowerCase().replace("-", "").replace("_", "");
    if (n.equals("sm3") || n.equals("1.2.156.10197.1.401")) return "SM3";
    if (n.equals("sha256") || n.equals("2.16.840.1.101.3.4.2.1")) return "SHA-256";
    if (n.equals("sha384") || n.equals("2.16.840.1.101.3.4.2.2")) return "SHA-384";
    if (n.equals("sha512") || n.equals("2.16.840.1.101.3.4.2.3")) return "SHA-512";
    if (n.equals("sha1") || n.equals("1.3.14.3.2.26")) return "SHA-1";
    return null;
  }

  static byte[] digest(String name, byte[] data) throws Exception {
    return java.security.MessageDigest.getInstance(name, "BC").digest(data);
  }

  /**
   * The sign time from a v1 timeInfo BIT STRING (or any time-like value), decoded defensively:
   * a DER time, a DER TimeStampToken (genTime), UTCTime or GeneralizedTime text, or
   * "yyyy-MM-dd HH:mm:ss" text (no zone: read as China time, +08:00).
   */
  static void signTime(ASN1Encodable e, Map<String, Object> out) {
    ASN1Primitive p = e.toASN1Primitive();
    if (p instanceof org.bouncycastle.asn1.ASN1UTCTime || p instanceof org.bouncycastle.asn1.ASN1GeneralizedTime) {
      try {
        out.put("timeInfoFormat", timeType(p));
        out.put("signTime", asDate(p).toInstant().toString());
      } catch (Exception x) {
        out.put("timeInfoError", describe(x));
      }
      return;
    }
    byte[] b;
    if (p instanceof org.bouncycastle.asn1.ASN1BitString) b = ((org.bouncycastle.asn1.ASN1BitString) p).getBytes();
    else if (p instanceof ASN1OctetString) b = ((ASN1OctetString) p).getOctets();
    else {
      out.put("timeInfoFormat", "unrecognised " + kind(p));
      return;
    }
    if (b.length > 0 && (b[0] == 0x17 || b[0] == 0x18)) {
      try {
        ASN1Primitive t = ASN1Primitive.fromByteArray(b);
        out.put("timeInfoFormat", "DER " + timeType(t));
        out.put("signTime", asDate(t).toInstant().toString());
        return;
      } catch (Exception x) {
        // fall through to text
      }
    }
    if (b.length > 0 && b[0] == 0x30) {
      try {
        org.bouncycastle.tsp.TimeStampToken token = new org.bouncycastle.tsp.TimeStampToken(
            org.bouncycastle.asn1.cms.ContentInfo.getInstance(ASN1Primitive.fromByteArray(b)));
        out.put("timeInfoFormat", "TimeStampToken");
        out.put("signTime", token.getTimeStampInfo().getGenTime().toInstant().toString());
        out.put("timeInfoImprintHex", Hex.toHexString(token.getTimeStampInfo().getMessageImprintDigest()));
        return;
      } catch (Exception x) {
        out.put("timeInfoError", "starts with 0x30 but is not a TimeStampToken: " + describe(x));
        out.put("timeInfoHex", Hex.toHexString(b));
        return;
      }
    }
    String s = new String(b, StandardCharsets.ISO_8859_1).replaceAll("[\\x00\\s]+$", "").trim();
    out.put("timeInfo", s);
    try {
      if (s.matches("\\d{10}(\\d{2})?(Z|[+-]\\d{4})")) {
        out.put("timeInfoFormat", "UTCTime text");
        out.put("signTime", new org.bouncycastle.asn1.ASN1UTCTime(s).getAdjustedDate().toInstant().toString());
      } else if (s.matches("\\d{14}([.,]\\d+)?(Z|[+-]\\d{4})")) {
        out.put("timeInfoFormat", "GeneralizedTime text");
        out.put("signTime", new org.bouncycastle.asn1.ASN1GeneralizedTime(s).getDate().toInstant().toString());
      } else if (s.matches("\\d{14}([.,]\\d+)?")) {
        out.put("timeInfoFormat", "GeneralizedTime text without zone (read as +08:00)");
        out.put("signTime", new org.bouncycastle.asn1.ASN1GeneralizedTime(s + "+0800").getDate().toInstant().toString());
      } else if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
        out.put("timeInfoFormat", "yyyy-MM-dd HH:mm:ss text (read as +08:00)");
        out.put("signTime", java.time.LocalDateTime.parse(s.replace(' ', 'T')).atOffset(CHINA).toInstant().toString());
      } else if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})")) {
        out.put("timeInfoFormat", "ISO 8601 text");
        String iso = s.replace(' ', 'T').replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
        out.put("signTime", OffsetDateTime.parse(iso).toInstant().toString());
      } else {
        out.put("timeInfoFormat", "unrecognised");
        out.put("timeInfoHex", Hex.toHexString(b));
      }
    } catch (Exception x) {
      out.put("timeInfoFormat", "unrecognised");
      out.put("timeInfoError", describe(x));
    }
  }

  /**
   * A timeStamp field (SES_Signature v4/v5 or SESeal v5), in any tagging: [0] EXPLICIT around a BIT
   * STRING, an OCTET STRING or the token itself, [0] IMPLICIT, or untagged. Its messageImprint
   * must be the hash of {@code stamped} (the signature value bytes), and when the token carries
   * the TSA certificate, its CMS signature must verify (BC TimeStampToken.validate). Returns the verdict.
   */
  static boolean checkTimeStamp(ASN1Encodable e, byte[] stamped, Map<String, Object> out) {
    out.put("timeStampPresent", true);
    try {
      ASN1Primitive p = e.toASN1Primitive();
      String form = "untagged";
      if (p instanceof org.bouncycastle.asn1.ASN1TaggedObject) {
        org.bouncycastle.asn1.ASN1TaggedObject t = (org.bouncycastle.asn1.ASN1TaggedObject) p;
        boolean constructed = (t.getEncoded()[0] & 0x20) != 0;
        if (t.isExplicit()) {
          form = "[" + t.getTagNo() + "] EXPLICIT";
          p = t.getExplicitBaseObject().toASN1Primitive();
        } else if (constructed) { // [0] IMPLICIT ContentInfo
          form = "[" + t.getTagNo() + "] IMPLICIT";
          p = ASN1Sequence.getInstance(t.getBaseUniversal(false, org.bouncycastle.asn1.BERTags.SEQUENCE));
        } else { // [0] IMPLICIT BIT STRING
          form = "[" + t.getTagNo() + "] IMPLICIT";
          p = t.getBaseUniversal(false, org.bouncycastle.asn1.BERTags.BIT_STRING);
        }
      }
      byte[] tokenDer;
      if (p instanceof org.bouncycastle.asn1.ASN1BitString) {
        form += " BIT STRING";
        tokenDer = bits(p, "timeStamp");
      } else if (p instanceof ASN1OctetString) {
        form += " OCTET STRING";
        tokenDer = ((ASN1OctetString) p).getOctets();
      } else if (p instanceof ASN1Sequence) {
        form += " ContentInfo";
        tokenDer = p.getEncoded(ASN1Encoding.DER);
      } else {
        throw new IllegalArgumentException("unexpected " + kind(p));
      }
      out.put("timeStampForm", form);
      org.bouncycastle.tsp.TimeStampToken token = new org.bouncycastle.tsp.TimeStampToken(
          org.bouncycastle.asn1.cms.ContentInfo.getInstance(ASN1Primitive.fromByteArray(tokenDer)));
      out.put("timeStampParsed", true);
      org.bouncycastle.tsp.TimeStampTokenInfo info = token.getTimeStampInfo();
      out.put("timeStampGenTime", info.getGenTime().toInstant().toString());
      String imprintAlg = digestName(info.getMessageImprintAlgOID().getId());
      out.put("timeStampImprintAlgorithm", imprintAlg == null ? info.getMessageImprintAlgOID().getId() : imprintAlg);
      boolean imprint = imprintAlg != null && Arrays.equals(digest(imprintAlg, stamped), info.getMessageImprintDigest());
      out.put("timeStampImprintMatches", imprint);
      Boolean tokenValid = null;
      Collection<X509CertificateHolder> tsa = token.getCertificates().getMatches(token.getSID());
      if (tsa.isEmpty()) {
        out.put("timeStampNote", "no TSA certificate in the token: its signature is not checked");
      } else {
        X509CertificateHolder c = tsa.iterator().next();
        out.put("timeStampTsa", c.getSubject().toString());
        try {
          token.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(c));
          tokenValid = true;
        } catch (Exception x) {
          tokenValid = false;
          out.put("timeStampError", describe(x));
        }
      }
      out.put("timeStampSignatureValid", tokenValid);
      return imprint && !Boolean.FALSE.equals(tokenValid);
    } catch (Exception x) {
      out.put("timeStampParsed", false);
      out.put("timeStampError", describe(x));
      return false;
    }
  }

  static boolean ses(Args a, Map<String, Object> out) throws Exception {
    byte[] der = readSealFile(a.positional(0, "ses FILE"), out);
    String certOut = a.opt("signer-cert-out");
    ASN1Primitive p = readDer(der, "SES_Signature");
    out.put("der", Arrays.equals(der, p.getEncoded(ASN1Encoding.DER)));
    ASN1Sequence top = seq(p, "SES_Signature");
    int version;
    if (top.size() == 2) version = 1;
    else if (top.size() == 4 || top.size() == 5) version = 4; // v5 decided below from the seal header
    else throw new IllegalArgumentException("SES_Signature with " + top.size() + " elements (2 = v1, 4 or 5 = v4/v5)");
    ASN1Sequence tbs = version == 1 ? seq(top.getObjectAt(0), "TBS_Sign", 7, 7) : seq(top.getObjectAt(0), "TBS_Sign", 5, 6);
    out.put("tbsVersion", small(tbs.getObjectAt(0)));
    Map<String, Object> sealOut = new LinkedHashMap<>();
    out.put("seal", sealOut);
    SealFacts sealFacts = readSeal(tbs.getObjectAt(1), sealOut);
    if (version == 4 && sealFacts.version == 5) version = 5;
    out.put("version", version);
    if (version != 1 && sealFacts.version == 1) out.put("note", "a v1 seal inside a v4 signature");

    byte[] cert;
    String alg;
    byte[] signature;
    ASN1Encodable timeStamp = null;
    if (version == 1) {
      signTime(tbs.getObjectAt(2), out);
      cert = octets(tbs.getObjectAt(5), "TBS_Sign.cert");
      alg = oid(tbs.getObjectAt(6), "TBS_Sign.signatureAlgorithm");
      signature = bits(top.getObjectAt(1), "SES_Signature.signature");
    } else {
      ASN1Primitive ti = tbs.getObjectAt(2).toASN1Primitive();
      if (ti instanceof org.bouncycastle.asn1.ASN1GeneralizedTime || ti instanceof org.bouncycastle.asn1.ASN1UTCTime) {
        out.put("timeInfoFormat", timeType(ti));
        out.put("signTime", asDate(ti).toInstant().toString());
      } else {
        signTime(ti, out); // non-conforming, but decode what is there
      }
      if (tbs.size() == 6) out.put("extDatas", extDatas(tbs.getObjectAt(5)));
      cert = octets(top.getObjectAt(1), "SES_Signature.cert");
      alg = oid(top.getObjectAt(2), "SES_Signature.signatureAlgID");
      signature = bits(top.getObjectAt(3), "SES_Signature.signature");
      if (top.size() == 5) timeStamp = top.getObjectAt(4);
    }
    byte[] dataHash = bits(tbs.getObjectAt(3), "TBS_Sign.dataHash");
    out.put("dataHashHex", Hex.toHexString(dataHash));
    out.put("propertyInfo", text(tbs.getObjectAt(4)));
    X509Certificate signer = certFromDer(cert, "the signer certificate");
    if (certOut != null) Files.write(Paths.get(certOut), pem(cert, "CERTIFICATE").getBytes(StandardCharsets.US_ASCII));
    out.put("signerSubject", signer.getSubjectX500Principal().getName());
    out.put("signerSerial", signer.getSerialNumber().toString(16).toUpperCase());
    out.put("signerIssuer", signer.getIssuerX500Principal().getName());
    out.put("signatureAlgorithm", alg);

    boolean signatureValid = sealSignatureValid(signer, alg, tbs.getEncoded(ASN1Encoding.DER), signature, out, "signature");
    out.put("signatureValid", signatureValid);
    boolean sealMakerValid = makerValid(sealFacts, sealOut);
    sealOut.put("makerSignatureValid", sealMakerValid);
    out.put("sealMakerValid", sealMakerValid);

    boolean listed = false;
    if (sealFacts.certListType == 1) {
      for (byte[] c : sealFacts.certs) {
        if (Arrays.equals(c, cert)) {
          listed = true;
          out.put("signerMatchedBy", "certificate bytes");
        }
      }
    } else {
      List<Object> unknown = new ArrayList<>();
      for (Object[] d : sealFacts.digests) {
        String name = digestName((String) d[0]);
        if (name == null) {
          unknown.add(d[0]);
        } else if (Arrays.equals(digest(name, cert), (byte[]) d[1])) {
          listed = true;
          out.put("signerMatchedBy", "certificate hash (" + d[0] + ")");
        }
      }
      if (!unknown.isEmpty()) out.put("unknownCertDigestTypes", unknown);
    }
    out.put("signerInSealList", listed);

    // facts, not part of the verdict (the relying party's policy decides)
    if (out.get("signTime") instanceof String) {
      Date t = Date.from(Instant.parse((String) out.get("signTime")));
      out.put("sealValidAtSignTime", !t.before(sealFacts.validStart) && !t.after(sealFacts.validEnd));
      out.put("signerCertValidAtSignTime", !t.before(signer.getNotBefore()) && !t.after(signer.getNotAfter()));
    }

    boolean ok = signatureValid && sealMakerValid && listed;
    String hashName = hashFor(alg);
    out.put("dataHashAlgorithm", hashName);
    if (a.opt("data") != null) {
      byte[] data = Files.readAllBytes(Paths.get(a.file("data")));
      boolean matches = Arrays.equals(digest(hashName, data), dataHash);
      out.put("dataHashMatches", matches);
      ok = ok && matches;
    }
    if (timeStamp != null) ok &= checkTimeStamp(timeStamp, signature, out);
    else out.put("timeStampPresent", false);
    if (sealFacts.timeStamp != null) {
      Map<String, Object> sealTs = new LinkedHashMap<>();
      ok &= checkTimeStamp(sealFacts.timeStamp, sealFacts.signature, sealTs);
      sealOut.putAll(sealTs);
    }
    if (!ok) {
      List<String> failed = new ArrayList<>();
      for (String k : new String[] {"signatureValid", "sealMakerValid", "signerInSealList", "dataHashMatches", "timeStampImprintMatches", "timeStampSignatureValid", "timeStampParsed"}) {
        if (Boolean.FALSE.equals(out.get(k))) failed.add(k);
      }
      if (Boolean.FALSE.equals(sealOut.get("timeStampImprintMatches")) || Boolean.FALSE.equals(sealOut.get("timeStampSignatureValid"))) failed.add("seal.timeStamp");
      out.put("error", "failed: " + String.join(", ", failed));
    }
    return ok;
  }

  // ---------------------------------------------------------------- cms

  static boolean cms(Args a, Map<String, Object> out) throws Exception {
    byte[] der = Pem.single(a.positional(0, "cms FILE"), "PKCS7", "CMS");
    org.bouncycastle.cms.CMSSignedData sd = a.opt("content") != null
        ? new org.bouncycastle.cms.CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(Files.readAllBytes(Paths.get(a.file("content")))), der)
        : new org.bouncycastle.cms.CMSSignedData(der);
    out.put("contentType", sd.toASN1Structure().getContentType().getId());
    out.put("eContentType", sd.getSignedContentTypeOID());
    Object content = sd.getSignedContent() == null ? null : sd.getSignedContent().getContent();
    if (content instanceof byte[]) out.put("content", new String((byte[]) content, StandardCharsets.UTF_8));
    Collection<org.bouncycastle.cms.SignerInformation> signers = sd.getSignerInfos().getSigners();
    out.put("signers", signers.size());
    boolean ok = !signers.isEmpty();
    List<Object> results = new ArrayList<>();
    for (org.bouncycastle.cms.SignerInformation si : signers) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("digestAlgorithm", si.getDigestAlgOID());
      r.put("signatureAlgorithm", si.getEncryptionAlgOID());
      Collection<org.bouncycastle.cert.X509CertificateHolder> certs = sd.getCertificates().getMatches(si.getSID());
      boolean valid = false;
      if (!certs.isEmpty()) {
        org.bouncycastle.cert.X509CertificateHolder c = certs.iterator().next();
        r.put("signerSubject", c.getSubject().toString());
        try {
          valid = si.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(c));
        } catch (org.bouncycastle.cms.CMSException e) {
          r.put("error", describe(e));
        }
      } else {
        r.put("error", "signer certificate not in the message");
      }
      r.put("valid", valid);
      ok = ok && valid;
      results.add(r);
    }
    out.put("signerInfos", results);
    return ok;
  }

  /** {@code --name value} options (repeatable) and positional arguments. */
  static final class Args {
    final Map<String, List<String>> opts = new LinkedHashMap<>();
    final List<String> pos = new ArrayList<>();

    static Args parse(String[] argv, Set<String> known) throws UsageException {
      Args a = new Args();
      for (int i = 0; i < argv.length; i++) {
        if (argv[i].startsWith("--")) {
          if (!known.contains(argv[i].substring(2))) throw new UsageException("unknown option " + argv[i]);
          if (i + 1 >= argv.length) throw new UsageException(argv[i] + " needs a value");
          a.opts.computeIfAbsent(argv[i].substring(2), k -> new ArrayList<>()).add(argv[++i]);
        } else {
          a.pos.add(argv[i]);
        }
      }
      return a;
    }

    String opt(String name) {
      List<String> v = opts.get(name);
      return v == null ? null : v.get(v.size() - 1);
    }

    String req(String name) throws UsageException {
      String v = opt(name);
      if (v == null) throw new UsageException("--" + name + " is required");
      return v;
    }

    String file(String name) throws UsageException {
      return existing(req(name));
    }

    List<String> files(String name) throws UsageException {
      List<String> r = new ArrayList<>();
      for (String f : opts.getOrDefault(name, new ArrayList<>())) r.add(existing(f));
      return r;
    }

    byte[] hex(String name) throws UsageException {
      String v = req(name).trim();
      try {
        return Hex.decodeStrict(v);
      } catch (Exception e) {
        throw new UsageException("--" + name + " is not hex");
      }
    }

    String positional(int i, String usage) throws UsageException {
      if (pos.size() <= i) throw new UsageException(usage);
      return existing(pos.get(i));
    }

    List<String> positionals(int min) throws UsageException {
      if (pos.size() < min) throw new UsageException("expected at least " + min + " file(s)");
      List<String> r = new ArrayList<>();
      for (String p : pos) r.add(existing(p));
      return r;
    }

    private static String existing(String f) throws UsageException {
      if (!Files.isRegularFile(Paths.get(f))) throw new UsageException("no such file: " + f);
      return f;
    }
  }

  /** PEM (any number of blocks, text around them is ignored) or DER files. */
  static final class Pem {
    private static final Pattern BLOCK =
        Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    static List<Map.Entry<String, byte[]>> blocks(String file) throws IOException {
      byte[] bytes = Files.readAllBytes(Paths.get(file));
      Matcher m = BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
      List<Map.Entry<String, byte[]>> r = new ArrayList<>();
      while (m.find()) {
        r.add(Map.entry(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      }
      if (r.isEmpty()) r.add(Map.entry("", bytes)); // DER
      return r;
    }

    static byte[] single(String file, String... types) throws IOException {
      for (Map.Entry<String, byte[]> b : blocks(file)) {
        if (b.getKey().isEmpty() || Arrays.asList(types).contains(b.getKey())) return b.getValue();
      }
      throw new IOException(file + ": no " + types[0] + " PEM block");
    }

    static List<X509Certificate> certs(String file) throws Exception {
      CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
      List<X509Certificate> r = new ArrayList<>();
      for (Map.Entry<String, byte[]> b : blocks(file)) {
        if (b.getKey().isEmpty() || b.getKey().equals("CERTIFICATE") || b.getKey().equals("TRUSTED CERTIFICATE")) {
          r.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.getValue())));
        }
      }
      if (r.isEmpty()) throw new IOException(file + ": no certificate");
      return r;
    }

    static List<X509CRL> crls(String file) throws Exception {
      CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
      List<X509CRL> r = new ArrayList<>();
      for (Map.Entry<String, byte[]> b : blocks(file)) {
        if (b.getKey().isEmpty() || b.getKey().equals("X509 CRL")) {
          r.add((X509CRL) cf.generateCRL(new ByteArrayInputStream(b.getValue())));
        }
      }
      if (r.isEmpty()) throw new IOException(file + ": no CRL");
      return r;
    }
  }

  /** Private keys: PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"), PEM or DER. */
  static final class Keys {
    static PrivateKey privateKey(String file) throws Exception {
      for (Map.Entry<String, byte[]> b : Pem.blocks(file)) {
        PrivateKeyInfo info;
        switch (b.getKey()) {
          case "PRIVATE KEY":
            info = PrivateKeyInfo.getInstance(b.getValue());
            break;
          case "EC PRIVATE KEY":
            info = fromSec1(b.getValue());
            break;
          case "":
            info = derKey(b.getValue());
            break;
          default:
            continue; // e.g. "EC PARAMETERS" before the key
        }
        String alg = info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
        return KeyFactory.getInstance(alg, "BC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
      }
      throw new IOException(file + ": no PRIVATE KEY or EC PRIVATE KEY block");
    }

    private static PrivateKeyInfo derKey(byte[] der) throws IOException {
      ASN1Sequence s = ASN1Sequence.getInstance(der);
      // PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE alg, OCTET STRING }; SEC1: SEQUENCE { INTEGER 1, OCTET STRING, ... }
      return s.getObjectAt(1) instanceof ASN1Sequence ? PrivateKeyInfo.getInstance(s) : fromSec1(der);
    }

    private static PrivateKeyInfo fromSec1(byte[] der) throws IOException {
      ECPrivateKey k = ECPrivateKey.getInstance(der);
      ASN1Encodable params = k.getParametersObject();
      if (params == null) params = GMObjectIdentifiers.sm2p256v1; // SEC1 without parameters: assume SM2
      return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), k);
    }
  }

  /** Minimal JSON writer for String, Number, Boolean, null, List and Map. */
  static final class Json {
    static String write(Object o) {
      StringBuilder b = new StringBuilder();
      write(b, o);
      return b.toString();
    }

    private static void write(StringBuilder b, Object o) {
      if (o == null) {
        b.append("null");
      } else if (o instanceof Boolean || o instanceof Integer || o instanceof Long) {
        b.append(o);
      } else if (o instanceof Map) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
          if (!first) b.append(',');
          first = false;
          string(b, String.valueOf(e.getKey()));
          b.append(':');
          write(b, e.getValue());
        }
        b.append('}');
      } else if (o instanceof List) {
        b.append('[');
        boolean first = true;
        for (Object e : (List<?>) o) {
          if (!first) b.append(',');
          first = false;
          write(b, e);
        }
        b.append(']');
      } else {
        string(b, o.toString());
      }
    }

    private static void string(StringBuilder b, String s) {
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      b.append('"');
    }
  }
}

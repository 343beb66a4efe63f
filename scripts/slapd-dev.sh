#!/usr/bin/env bash
# For `make run`: a local OpenLDAP directory (Debian's slapd) for the CA's LDAP publication, kept
# in .data/slapd, on 127.0.0.1:${YINXIN_LDAP_PORT:-3890}. Prints the APP_CONFIG_* settings to
# export (eval its output). Prints nothing when slapd is not installed or YINXIN_LDAP=off: the
# portal then runs without a directory and its publication page says so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${YINXIN_LDAP:-on}" = off ] && exit 0
slapd=/usr/sbin/slapd
slapadd=/usr/sbin/slapadd
[ -x "$slapd" ] && [ -x "$slapadd" ] && [ -f /etc/ldap/schema/inetorgperson.ldif ] || exit 0
dir="$root/.data/slapd"
port="${YINXIN_LDAP_PORT:-3890}"
base="dc=yinxin,dc=local"
rootdn="cn=admin,$base"
mkdir -p "$dir/data" "$root/.data/secrets"
pwfile="$root/.data/secrets/ldap-password"
[ -s "$pwfile" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
password="$(cat "$pwfile")"
if [ ! -d "$dir/slapd.d" ]; then
  mkdir -p "$dir/slapd.d"
  cat > "$dir/config.ldif" <<LDIF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $dir/slapd.pid

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif

include: file:///etc/ldap/schema/cosine.ldif

include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: $base
olcRootDN: $rootdn
olcRootPW: $password
olcDbDirectory: $dir/data
olcDbMaxSize: 1073741824
olcAccess: {0}to * by * read
LDIF
  "$slapadd" -n0 -F "$dir/slapd.d" -l "$dir/config.ldif" >/dev/null 2>&1
  rm -f "$dir/config.ldif"
fi
if ! { [ -f "$dir/slapd.pid" ] && kill -0 "$(cat "$dir/slapd.pid")" 2>/dev/null; }; then
  "$slapd" -F "$dir/slapd.d" -h "ldap://127.0.0.1:$port/" >"$dir/slapd.log" 2>&1 || { echo "slapd-dev: slapd did not start (see $dir/slapd.log)" >&2; exit 0; }
fi
echo "export APP_CONFIG_yinxin_ca_ldap_url=ldap://127.0.0.1:$port APP_CONFIG_yinxin_ca_ldap_baseDn=$base APP_CONFIG_yinxin_ca_ldap_bindDn=$rootdn APP_CONFIG_yinxin_ca_ldap_bindPassword=$password"
echo "echo '  LDAP directory (slapd): ldap://127.0.0.1:$port  base $base  (stop: kill \$(cat .data/slapd/slapd.pid))'"

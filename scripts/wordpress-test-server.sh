#!/usr/bin/env bash
# Real WordPress for the opt-in publishing test, from Debian packages, on 127.0.0.1.
#
#   scripts/wordpress-test-server.sh [start]   install/configure, serve, print WERKBANK_TEST_* lines
#   scripts/wordpress-test-server.sh stop      stop the php -S server started by `start`
#
# Needs root (apt-get, /etc/wordpress) and MariaDB on $WP_DB_HOST (root without password).
# Use:  eval "$(scripts/wordpress-test-server.sh | grep ^WERKBANK_)" && pytest tests/services
set -euo pipefail

PORT="${WP_PORT:-8765}"
STATE="${WP_STATE_DIR:-/tmp/werkbank-wordpress}"
DB_HOST="${WP_DB_HOST:-127.0.0.1}"
DB_PORT="${WP_DB_PORT:-3306}"
DB_NAME="${WP_DB_NAME:-werkbank_wp_test}"
DB_USER="${WP_DB_USER:-werkbank_wp}"
DB_PASS="${WP_DB_PASSWORD:-werkbank-wp-test}"
WP_ADMIN="${WP_ADMIN_USER:-werkbank}"
WP_ROOT=/usr/share/wordpress
URL="http://127.0.0.1:${PORT}"
mkdir -p "$STATE"

log() { echo "# $*" >&2; }

if [[ "${1:-start}" == "stop" ]]; then
    # php -S runs in its own process group (setsid) with its worker processes: stop them all.
    if [[ -f "$STATE/php.pid" ]]; then kill -- "-$(cat "$STATE/php.pid")" 2>/dev/null || true; fi
    rm -f "$STATE/php.pid"
    exit 0
fi

started=$(date +%s)
if ! dpkg -s wordpress php-cli php-mysql >/dev/null 2>&1; then
    log "installing wordpress php-cli php-mysql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        wordpress php-cli php-mysql >"$STATE/apt.log" 2>&1
fi

log "database $DB_NAME on $DB_HOST:$DB_PORT"
mysql -h "$DB_HOST" -P "$DB_PORT" -u root <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'%';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL

# Debian's wp-config.php loads /etc/wordpress/config-<host>.php (host without port).
salt() { head -c 48 /dev/urandom | base64 | tr -d '/+='; }
if [[ ! -f /etc/wordpress/config-127.0.0.1.php ]]; then
    cat >/etc/wordpress/config-127.0.0.1.php <<PHP
<?php
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASS');
define('DB_HOST', '$DB_HOST:$DB_PORT');
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
define('WP_ENVIRONMENT_TYPE', 'local');  // Application Passwords over plain http
define('DISABLE_WP_CRON', true);         // php -S serves one request at a time
define('AUTH_KEY', '$(salt)'); define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)'); define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)'); define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)'); define('NONCE_SALT', '$(salt)');
PHP
fi

# Front controller for php -S: real files as they are, everything else (/wp-json/…) to WordPress.
cat >"$STATE/router.php" <<'PHP'
<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = '/usr/share/wordpress' . $path;
if ($path !== '/' && (is_file($file) || is_dir($file))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = '/usr/share/wordpress/index.php';
require '/usr/share/wordpress/index.php';
PHP

# Install the site, pretty permalinks (/wp-json/), and a fresh Application Password.
cat >"$STATE/setup.php" <<'PHP'
<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$user = getenv('WP_ADMIN');
if (!is_blog_installed()) {
    wp_install('Werkbank Test', $user, 'werkbank@example.invalid', false, '', wp_generate_password(24));
}
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'Europe/Berlin');
flush_rewrite_rules(true);
$account = get_user_by('login', $user);
if (!wp_is_application_passwords_available()) {
    fwrite(STDERR, "application passwords unavailable (WP_ENVIRONMENT_TYPE?)\n");
    exit(1);
}
foreach (WP_Application_Passwords::get_user_application_passwords($account->ID) as $item) {
    if ($item['name'] === 'werkbank-test') {
        WP_Application_Passwords::delete_application_password($account->ID, $item['uuid']);
    }
}
[$password] = WP_Application_Passwords::create_new_application_password(
    $account->ID, ['name' => 'werkbank-test']
);
echo $password, "\n";
PHP
log "installing site"
APP_PASSWORD=$(WP_ENVIRONMENT_TYPE=local WP_ADMIN="$WP_ADMIN" php "$STATE/setup.php" 2>"$STATE/setup.log" | tail -n 1)

if [[ -f "$STATE/php.pid" ]] && kill -0 "$(cat "$STATE/php.pid")" 2>/dev/null; then
    log "server already running (pid $(cat "$STATE/php.pid"))"
else
    log "serving $URL"
    WP_ENVIRONMENT_TYPE=local PHP_CLI_SERVER_WORKERS=4 setsid nohup php -S "127.0.0.1:$PORT" \
        -t "$WP_ROOT" "$STATE/router.php" >"$STATE/php.log" 2>&1 &
    echo $! >"$STATE/php.pid"
fi
for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "$URL/wp-json/" 2>/dev/null && break
    sleep 0.2
done
curl -fsS -o /dev/null "$URL/wp-json/wp/v2/posts" || { log "WordPress does not answer"; exit 1; }
log "ready after $(( $(date +%s) - started ))s"
echo "WERKBANK_TEST_WORDPRESS_URL=$URL"
echo "WERKBANK_TEST_WORDPRESS_USER=$WP_ADMIN"
echo "WERKBANK_TEST_WORDPRESS_APP_PASSWORD='$APP_PASSWORD'"

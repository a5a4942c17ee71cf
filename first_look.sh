#!/usr/bin/env bash
# A first look at Sales Technology in one command: a Frappe v15 + ERPNext v15 bench made with the standard
# `bench` CLI (frappe-bench from PyPI), this app installed, a demo site with the demo department, served.
#
#   bash first_look.sh --db-root-password <MariaDB root password>
#
# Options (all optional but the password, which new-site needs; DB_ROOT_PASSWORD works too):
#   --bench DIR          where the bench goes (default ~/sales-technology-bench)
#   --site NAME          the demo site (default sales-demo.localhost)
#   --frappe SRC         Frappe: a git URL or a local folder that is a git repository (default GitHub's
#                        frappe/frappe, branch version-15)
#   --erpnext SRC        ERPNext likewise (default GitHub's frappe/erpnext, branch version-15)
#   --language ru|en     the demo site's language (default en)
#   --port N             where `bench serve` listens (default 8000)
#   --no-serve           stop after the demo instead of serving it
#
# Safe to run twice: a bench, an app or a site that is there already is kept, and the demo adds only what
# is missing. It needs Python 3.10-3.12, Node 18+, Yarn 1.x, MariaDB 10.6+ and Redis, and says which is
# missing and how to get it.
set -euo pipefail

app_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$HOME/sales-technology-bench
site=sales-demo.localhost
frappe_src=https://github.com/frappe/frappe
erpnext_src=https://github.com/frappe/erpnext
branch=version-15
language=en
port=8000
serve=1
db_root_password=${DB_ROOT_PASSWORD:-}

while [ $# -gt 0 ]; do
	case "$1" in
		--bench) bench_dir=$2; shift ;;
		--site) site=$2; shift ;;
		--frappe) frappe_src=$2; shift ;;
		--erpnext) erpnext_src=$2; shift ;;
		--language) language=$2; shift ;;
		--port) port=$2; shift ;;
		--db-root-password) db_root_password=$2; shift ;;
		--no-serve) serve=0 ;;
		-h | --help) sed -n '2,21p' "$0"; exit 0 ;;
		*) echo "Unknown option $1 (see --help)"; exit 2 ;;
	esac
	shift
done
bench_dir=$(mkdir -p "$(dirname "$bench_dir")" && cd "$(dirname "$bench_dir")" && pwd)/$(basename "$bench_dir")

step() { printf '\n==> %s\n' "$*"; }
missing=()
need() { missing+=("$1: $2"); }

step "Checking what the bench needs"
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
	need "Python 3.10-3.12" "install python3.11 (apt install python3.11 python3.11-venv python3.11-dev, or pyenv)"
fi
node_major=$(node --version 2>/dev/null | sed 's/^v\([0-9]*\).*/\1/' || true)
if [ -z "$node_major" ] || [ "$node_major" -lt 18 ]; then
	need "Node 18 or newer" "install Node 18/20 (nodesource, or nvm install 20)"
fi
command -v yarn >/dev/null || need "Yarn 1.x" "npm install -g yarn@1.22.22"
mariadb_version=$( (mariadb --version || mysql --version) 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+-MariaDB' | head -1 || true)
if [ -z "$mariadb_version" ]; then
	need "MariaDB 10.6+" "apt install mariadb-server mariadb-client"
elif [ "$(printf '%s\n10.6\n' "${mariadb_version%%-*}" | sort -V | head -1)" != "10.6" ]; then
	need "MariaDB 10.6+ (found $mariadb_version)" "upgrade MariaDB to 10.6 or newer"
fi
if ! (redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG); then
	need "Redis on 127.0.0.1:6379" "apt install redis-server (and start it: service redis-server start)"
fi
[ -n "$db_root_password" ] || need "MariaDB's root password" \
	"pass --db-root-password (new-site needs one; set it with: mariadb -u root -e \"ALTER USER root@localhost IDENTIFIED BY '<password>'\")"
if [ ${#missing[@]} -gt 0 ]; then
	echo "Missing:"
	printf '  - %s\n' "${missing[@]}"
	exit 1
fi
echo "Python, Node $node_major, Yarn, $mariadb_version and Redis are here."
sql_client=$(command -v mariadb || command -v mysql)
if [ "$("$sql_client" -u root -p"$db_root_password" -h 127.0.0.1 -Nse 'select @@collation_server' 2>/dev/null)" != "utf8mb4_unicode_ci" ]; then
	echo "Note: MariaDB's collation_server is not utf8mb4_unicode_ci; Frappe wants it (character-set-server ="
	echo "utf8mb4 and collation-server = utf8mb4_unicode_ci under [mysqld], then restart MariaDB)."
fi

export PATH="$HOME/.local/bin:$PATH"
if ! command -v bench >/dev/null; then
	step "Installing the bench CLI (frappe-bench from PyPI)"
	if command -v pipx >/dev/null; then pipx install frappe-bench; else "$python" -m pip install --user frappe-bench; fi
fi

if [ ! -d "$bench_dir/apps/frappe" ]; then
	step "Making the bench at $bench_dir (Frappe $branch from $frappe_src)"
	# run as root, bench asks for a frappe_user in the directory it starts from
	workdir=$(mktemp -d)
	if [ "$(id -u)" -eq 0 ]; then
		mkdir -p "$workdir/sites" && echo '{"frappe_user": "root"}' >"$workdir/sites/common_site_config.json"
	fi
	if [ -d "$frappe_src" ]; then
		(cd "$workdir" && bench init "$bench_dir" --frappe-path "$frappe_src" --skip-redis-config-generation --no-backups --python "$python")
	else
		(cd "$workdir" && bench init "$bench_dir" --frappe-path "$frappe_src" --frappe-branch "$branch" --skip-redis-config-generation --no-backups --python "$python")
	fi
	rm -rf "$workdir"
fi
# setuptools 81 dropped pkg_resources, which Frappe v15's Dropbox backup still imports
"$bench_dir/env/bin/python" -c "import pkg_resources" 2>/dev/null \
	|| "$bench_dir/env/bin/python" -m pip install --quiet "setuptools<81"
cd "$bench_dir"
[ "$(id -u)" -eq 0 ] && bench set-config -g frappe_user root >/dev/null
for redis in redis_cache redis_queue redis_socketio; do
	bench set-config -g "$redis" redis://127.0.0.1:6379 >/dev/null
done
bench set-config -g db_host 127.0.0.1 >/dev/null

if [ ! -d apps/erpnext ]; then
	step "Getting ERPNext $branch from $erpnext_src"
	if [ -d "$erpnext_src" ]; then bench get-app "$erpnext_src"; else bench get-app "$erpnext_src" --branch "$branch"; fi
fi
if [ ! -d apps/sales_technology ]; then
	step "Getting Sales Technology from $app_dir"
	bench get-app "$app_dir"
fi

if [ ! -f "sites/$site/site_config.json" ]; then
	step "Making the site $site with ERPNext and Sales Technology"
	bench new-site "$site" --db-root-password "$db_root_password" --admin-password admin \
		--install-app erpnext --install-app sales_technology || {
		echo "new-site failed: dropping the half-made $site so that the next run starts it again"
		bench drop-site "$site" --force --no-backup --db-root-password "$db_root_password" || true
		exit 1
	}
else
	step "The site $site is there: migrating it"
	bench --site "$site" migrate
fi
step "Making the demo department (a Russian company first: the site has none of its own)"
bench --site "$site" sales-demo --language "$language"
bench use "$site" >/dev/null

step "Building the desk's assets"
bench build --app sales_technology

echo
echo "The demo is on $site: log in as Administrator/admin, or as a person of the demo department above."
if [ "$serve" -eq 1 ]; then
	echo "Serving it on http://127.0.0.1:$port (Ctrl+C stops it)"
	exec bench --site "$site" serve --port "$port"
fi
echo "Serve it with: cd $bench_dir && bench --site $site serve --port $port"

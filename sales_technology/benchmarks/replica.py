"""A second MariaDB server on this machine holding a copy of the site's database, to show where the
app's reads go when the site reads from a replica (`read_from_replica`, `replica_host`,
`replica_db_port`). It runs on its own port and data folder and is stopped by its process id.

Where the primary writes binary logs a real replica would follow it; here (and on most test machines)
it does not, so the copy is taken once with mariadb-dump: what is compared is read after the copy.
Never against a site with real data: the copy's server accepts any user (grant tables skipped).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

import frappe

SERVER_BINARIES = ("mariadbd", "mariadb-install-db", "mariadb-dump", "mariadb")


def missing_binaries() -> list[str]:
	return [name for name in SERVER_BINARIES if not _binary(name)]


def _binary(name: str) -> str | None:
	return shutil.which(name) or next(
		(path for path in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.path.exists(path)), None
	)


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


@dataclass
class Replica:
	port: int
	pid: int
	datadir: str

	@classmethod
	def start(cls) -> Replica:
		"""A server on a free port, with a copy of the site's committed database."""
		datadir = tempfile.mkdtemp(prefix="st-replica-")
		port = free_port()
		subprocess.run(
			[
				_binary("mariadb-install-db"),
				"--no-defaults",
				f"--datadir={datadir}",
				# its own temporary folder: a server starting deletes every `#sql` file of its tmpdir,
				# and in the machine's /tmp those are the primary's temporary tables in use
				f"--tmpdir={datadir}",
				"--user=root",
				"--skip-test-db",
				"--auth-root-authentication-method=normal",
			],
			check=True,
			capture_output=True,
		)
		server = subprocess.Popen(
			[
				_binary("mariadbd"),
				"--no-defaults",
				f"--datadir={datadir}",
				f"--tmpdir={datadir}",
				f"--port={port}",
				"--bind-address=127.0.0.1",
				f"--socket={datadir}/server.sock",
				f"--pid-file={datadir}/server.pid",
				"--user=root",
				"--skip-grant-tables",
				"--skip-log-bin",
				"--innodb-buffer-pool-size=256M",
				"--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci",
			],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		replica = cls(port, server.pid, datadir)
		try:
			replica.wait_until_up()
			replica.copy_site_database()
		except Exception:
			replica.stop()
			raise
		return replica

	def client(self, *args: str, **kwargs):
		return subprocess.run(
			[_binary("mariadb"), "-h127.0.0.1", f"-P{self.port}", "-uroot", *args], check=True, **kwargs
		)

	def wait_until_up(self, seconds: int = 60) -> None:
		deadline = time.monotonic() + seconds
		while time.monotonic() < deadline:
			try:
				self.client("-e", "select 1", capture_output=True)
				return
			except subprocess.CalledProcessError:
				time.sleep(0.5)
		raise TimeoutError(f"the replica on port {self.port} did not start")

	def copy_site_database(self) -> None:
		conf = frappe.conf
		name = conf.db_name
		self.client("-e", f"create database `{name}`", capture_output=True)
		dump = subprocess.Popen(
			[
				_binary("mariadb-dump"),
				f"-h{conf.db_host or '127.0.0.1'}",
				f"-P{conf.db_port or 3306}",
				f"-u{name}",
				f"-p{conf.db_password}",
				"--single-transaction",
				"--quick",
				name,
			],
			stdout=subprocess.PIPE,
		)
		self.client(name, stdin=dump.stdout, capture_output=True)
		if dump.wait() != 0:
			raise RuntimeError("mariadb-dump failed")

	def selects(self) -> int:
		"""The SELECT statements the replica has answered so far."""
		out = self.client(
			"-N", "-e", "show global status like 'Com_select'", capture_output=True, text=True
		).stdout
		return int(out.split()[-1])

	def stop(self) -> None:
		try:
			os.kill(self.pid, signal.SIGTERM)
			for _wait in range(120):
				os.kill(self.pid, 0)
				time.sleep(0.5)
		except ProcessLookupError:
			pass
		shutil.rmtree(self.datadir, ignore_errors=True)

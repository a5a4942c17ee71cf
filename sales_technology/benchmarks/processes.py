"""Work of the benchmark spread over bench processes, so that a two-core machine uses both cores: each
job is `bench --site <this site> execute <method> --kwargs <kwargs>`, `processes` at a time."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time

import frappe
from frappe.utils import get_bench_path


def run_in_processes(
	method: str,
	jobs: list[tuple[str, dict]],
	processes: int,
	again_when: str | None = None,
	attempts: int = 3,
) -> None:
	"""Run each (name, kwargs) job as its own bench process; a job whose output says `again_when` (two
	bulk inserts into one table that deadlocked) runs again, up to `attempts` times; any other failure
	stops the run with the job's output."""
	bench = shutil.which("bench") or "bench"
	pending, running = list(jobs), []
	tries = dict.fromkeys((name for name, _kwargs in jobs), 0)
	while pending or running:
		while pending and len(running) < processes:
			name, kwargs = pending.pop(0)
			tries[name] += 1
			log = tempfile.TemporaryFile()
			command = [bench, "--site", frappe.local.site, "execute", method, "--kwargs", repr(kwargs)]
			process = subprocess.Popen(command, cwd=get_bench_path(), stdout=log, stderr=log)
			running.append((name, kwargs, log, process))
		time.sleep(0.5)
		for job in list(running):
			name, kwargs, log, process = job
			if process.poll() is None:
				continue
			running.remove(job)
			log.seek(0)
			output = log.read().decode(errors="replace")
			log.close()
			if not process.returncode:
				print(f"done: {name}", flush=True)
				continue
			if again_when and again_when in output and tries[name] < attempts:
				print(f"{name}: {again_when}; again", flush=True)
				pending.append((name, kwargs))
				continue
			raise RuntimeError(f"{name} failed: {output[-3000:]}")

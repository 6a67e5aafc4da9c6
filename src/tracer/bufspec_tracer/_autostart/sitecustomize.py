"""Started in child interpreters of `python3 -m bufspec_tracer -o 'log-{pid}.ndjson' ...`:
the runner puts this directory on the children's PYTHONPATH and the path template in
BUFSPEC_TRACE_OUTPUT, so subprocesses write their own logs (only when the path has {pid})."""
import os
import sys

_out = os.environ.get("BUFSPEC_TRACE_OUTPUT")
if _out and "{pid}" in _out:
    try:
        import bufspec_tracer
        bufspec_tracer.start(_out, attached="start", argv=sys.argv)
    except Exception as e:  # never break the child
        print(f"bufspec_tracer: not tracing this subprocess: {e}", file=sys.stderr)

"""bufspec tracer: record the buffer-protocol traffic of a running CPython as NDJSON.

    python3 -m bufspec_tracer -o trace.ndjson script.py args...
    python3 -m bufspec_tracer -o 'trace-{pid}.ndjson' -m module args...

    with bufspec_tracer.tracing("out.ndjson"):
        ...

The log format is ``bufspec-trace`` version 1 (docs/architecture.md, docs/trace-format.md).
"""
import contextlib
import datetime
import json
import os
import sys
import threading

from . import _tracer

__all__ = ["start", "stop", "tracing", "is_tracing", "register_counter", "register_chain",
           "register_resize", "ident", "memwatch_shim", "PRODUCER"]

PRODUCER = "bufspec_tracer 0.1.0"

_lock = threading.Lock()
_template = None        # output path, may contain {pid}
_hooks_installed = False
_fork_registered = False


def _header(attached, argv):
    return json.dumps({
        "kind": "header", "format": "bufspec-trace", "version": 1, "producer": PRODUCER,
        "python": sys.version.split()[0], "implementation": sys.implementation.name,
        "pid": os.getpid(),
        "start": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
        "argv": list(argv), "attached": attached,
    }, separators=(",", ":"))


def _path(template):
    return os.fspath(template).replace("{pid}", str(os.getpid()))


def _module_types(modules):
    out = []
    for m in list(modules):
        d = getattr(m, "__dict__", None)
        if isinstance(d, dict):
            out.extend(v for v in list(d.values()) if isinstance(v, type))
    return out


def rescan(modules=None):
    """Hook exporter types that appeared since the last scan (all of object's subclasses, and
    the types in the namespaces of ``modules``, default every loaded module); returns how many."""
    return _tracer.scan(_module_types(sys.modules.values() if modules is None else modules))


def _install_import_hook():
    """Rescan after every extension or builtin module executes (new C types appear there;
    heap subclasses made later by class statements are found by the hooks themselves)."""
    import importlib.machinery as m
    for cls in (m.ExtensionFileLoader, m.BuiltinImporter):
        orig = cls.__dict__["exec_module"]
        if getattr(orig, "_bufspec", False):
            continue
        if isinstance(orig, (staticmethod, classmethod)):
            fn = orig.__func__
            kind = type(orig)

            def wrapped(*args, _fn=fn):
                try:
                    return _fn(*args)
                finally:
                    _tracer.scan(_module_types(args[-1:]))
            wrapped._bufspec = True
            w = kind(wrapped)
        else:
            def w(self, module, _fn=orig):
                try:
                    return _fn(self, module)
                finally:
                    _tracer.scan(_module_types([module]))
            w._bufspec = True
        setattr(cls, "exec_module", w)


def _install_exit_flush():
    """os._exit skips every exit hook: flush first (the log stays truncated: no footer)."""
    orig = os._exit
    if getattr(orig, "_bufspec", False):
        return

    def _exit(status, _orig=orig):
        if _tracer.active():
            _tracer.flush()
        _orig(status)
    _exit._bufspec = True
    _exit.__doc__ = orig.__doc__
    os._exit = _exit


def _before_fork():
    if _tracer.active():
        _tracer.flush()


def _after_fork_child():
    if not _tracer.active():
        return
    if _template is not None and "{pid}" in os.fspath(_template):
        _tracer.after_fork_child(_path(_template), _header("midrun", sys.argv))
    else:
        # one file per process: a child without {pid} in the path stops tracing silently
        _tracer.after_fork_child(None, None)


def start(path, attached="midrun", argv=None):
    """Start writing a log to ``path`` (``{pid}`` is replaced by the process id).

    ``attached`` is ``"midrun"`` unless the caller knows no view existed before (the command
    line runner uses ``"start"``)."""
    global _template, _hooks_installed, _fork_registered
    if attached not in ("start", "midrun"):
        raise ValueError("attached must be 'start' or 'midrun'")
    with _lock:
        rescan()
        if not _hooks_installed:
            _install_import_hook()
            _install_exit_flush()
            _hooks_installed = True
        if not _fork_registered:
            os.register_at_fork(before=_before_fork, after_in_child=_after_fork_child)
            _fork_registered = True
        _template = path
        _tracer.start(_path(path), _header(attached, sys.argv if argv is None else argv))


def stop():
    """Write the footer (``finalized: false``) and close the log. The hooks stay installed
    but pass calls straight through."""
    with _lock:
        _tracer.stop()


def is_tracing():
    return _tracer.active()


@contextlib.contextmanager
def tracing(path, attached="midrun"):
    start(path, attached=attached)
    try:
        yield
    finally:
        stop()


def register_counter(type_, offset):
    """For extension authors: instances of ``type_`` keep their export counter in a Py_ssize_t
    at byte ``offset``; the log then carries ``exports`` for them."""
    _tracer.register_counter(type_, offset)


def register_chain(type_, offset, self_reexporter=True):
    """For extension authors: instances of ``type_`` hold an export of a base object in the
    Py_buffer at byte ``offset`` (like the managed buffer's ``master``); acquires into / releases
    of that struct are logged as chain ``hold`` / ``drop``."""
    _tracer.register_chain(type_, offset, self_reexporter)


def register_resize(type_, method, buf_offset):
    """For extension authors: ``type_.method`` may move the data pointer stored (as char*) at
    byte ``buf_offset``; calls are logged as ``resize`` events."""
    _tracer.register_resize(type_, method, buf_offset)


def ident(obj):
    """The identity string ``ADDR#N`` the log uses for ``obj`` right now."""
    return _tracer.ident(obj)


def memwatch_shim():
    """The path of the memory watch's LD_PRELOAD shim (libbufspec_memwatch.so). The command-line
    runner preloads it itself; a process started otherwise (pytest --bufspec, a service calling
    start()) watches libc's free/realloc/munmap only when launched with it in LD_PRELOAD:
    ``LD_PRELOAD=$(python3 -c 'import bufspec_tracer as b; print(b.memwatch_shim())') pytest --bufspec``.
    Without it the PyMem domains are still watched."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "libbufspec_memwatch.so")

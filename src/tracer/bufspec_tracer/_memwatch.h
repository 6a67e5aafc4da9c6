/* Memory watch (docs/trace-format.md, "freed"): the memory every live view
 * points into is watched; a free, realloc, munmap or mremap of a block
 * overlapping it is recorded as a "freed" event. Implemented in _memwatch.c;
 * _tracer.c calls only these. */
#ifndef BUFSPEC_MEMWATCH_H
#define BUFSPEC_MEMWATCH_H
#include <Python.h>

/* at module init: finds the LD_PRELOAD shim (libbufspec_memwatch.so) and wraps
 * the PyMem domains (RAW only when the shim is absent); BUFSPEC_MEMWATCH=0
 * disables everything */
void mw_init(void);
/* after a successful bf_getbuffer: watch the view's buf..buf+len and its
 * arrays */
void mw_watch(PyObject *obj, Py_buffer *view);
/* before the exporter's bf_releasebuffer (and for hand-made views: before the
 * decref) */
void mw_unwatch(PyObject *obj, Py_buffer *view);
/* start/stop of a log: forget every watched view */
void mw_clear(void);
/* in a forked child, before anything else (the watch lock may have been held
 * at the fork) */
void mw_after_fork(void);
/* memwatch_info() for the Python package: dict of state and counters */
PyObject *mw_info(PyObject *m, PyObject *unused);
/* memwatch_bench(n, kind): ns per malloc/free pair, kind "libc" or "pymem" */
PyObject *mw_bench(PyObject *m, PyObject *args);
/* memwatch_ranges(): [(struct address, field, start, length)] of every watched
 * range (tests) */
PyObject *mw_ranges(PyObject *m, PyObject *unused);
/* memwatch_enable(flag): turn the checks on/off at run time (bench) */
PyObject *mw_enable(PyObject *m, PyObject *args);

/* provided by _tracer.c (the log writer), used by _memwatch.c to write "freed"
 * events */
char *bs_ev_begin(const char *kind);
void bs_ev_end(char *p);
char *bs_w_id(char *p, const void *o);
char *bs_w_ptr(char *p, const void *v);
char *bs_w_jstr(char *p, const char *s, Py_ssize_t max);
char *bs_w_i64(char *p, long long v);
int bs_active(void);
#endif

/*
 * bufspec_broken: deliberately broken buffer exporters and consumers, built only for tests.
 * Each reproduces one class of real bug (docs/architecture.md, traces/corpus/README.md) so
 * that a traced run produces a log the validator must reject with the named property.
 *
 * The broken types are not real exporters: they tell the tracer where their export counter,
 * data pointer and held base export live, through bufspec_tracer's registration API (the
 * OFFSETS dict below), as an extension author would.
 *
 * The consumers compensate for the reference counts the bugs corrupt (incref()) so that the
 * test process does not crash: the log still shows what the bug did.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t len;
    Py_ssize_t exports;
    int readonly;
    char *quarantine;     /* "freed" memory kept allocated so a new block gets a new address */
    Py_buffer held;       /* ReExporter: its export of the base */
    int holding;
    void *views[16];      /* TrackByViewAddress: per-view allocations keyed by view address */
    void *allocs[16];
} BObj;

static int b_init(BObj *self, PyObject *args, PyObject *kw) {
    Py_ssize_t n = 16; int ro = 0;
    static char *kwl[] = {"size", "readonly", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|np", kwl, &n, &ro)) return -1;
    PyMem_Free(self->data);
    self->data = PyMem_Calloc(n ? n : 1, 1);
    if (!self->data) { PyErr_NoMemory(); return -1; }
    self->len = n; self->readonly = ro;
    return 0;
}

static void b_dealloc(BObj *self) {
    if (self->holding) { self->holding = 0; PyBuffer_Release(&self->held); }
    PyMem_Free(self->data);
    PyMem_Free(self->quarantine);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ---- Good: the reference exporter (used by the consumer bugs) */
static int good_get(BObj *self, Py_buffer *view, int flags) {
    if (PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->len, self->readonly, flags) < 0) return -1;
    self->exports++;
    return 0;
}
static void good_rel(BObj *self, Py_buffer *view) { self->exports--; }

/* ---- ReleaseDecrefsObj: the blog post's example (seed 001) */
static void decref_rel(BObj *self, Py_buffer *view) {
    self->exports--;
    Py_DECREF(view->obj);   /* WRONG: PyBuffer_Release does this */
}

/* ---- FailedAcquireCounts: counts, fails to fill, reports success (python/cpython#126980) */
static int counts_get(BObj *self, Py_buffer *view, int flags) {
    self->exports++;
    if (PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->len, 1, flags) < 0) {
        PyErr_Clear();
        return 0;  /* WRONG: the view is unfilled, obj NULL, counter incremented */
    }
    return 0;
}

/* ---- FailedAcquireSetsObj: sets view->obj, then fails (numpy/numpy#18672) */
static int setsobj_get(BObj *self, Py_buffer *view, int flags) {
    view->obj = (PyObject *)self;
    Py_INCREF(self);        /* WRONG: left set (with a reference) on the error path */
    if (flags & PyBUF_WRITABLE) {
        PyErr_SetString(PyExc_BufferError, "SetsObj: read-only");
        return -1;
    }
    view->obj = NULL; Py_DECREF(self);
    return good_get(self, view, flags);
}

/* ---- FreeOnEveryRelease: shared memory freed on the first release, whatever the counter */
static int freeing_get(BObj *self, Py_buffer *view, int flags) {
    if (!self->data) {
        self->data = PyMem_Calloc(self->len ? self->len : 1, 1);
        if (!self->data) { PyErr_NoMemory(); return -1; }
    }
    return good_get(self, view, flags);
}
static void freeing_rel(BObj *self, Py_buffer *view) {
    self->exports--;
    /* WRONG: frees although other views may still point at it. Kept in quarantine (not
     * really freed) so the test process reads no freed memory. */
    PyMem_Free(self->quarantine);
    self->quarantine = self->data;
    self->data = NULL;
}

/* ---- TrackByViewAddress: per-view shape/strides, remembered by view address, internal NULL */
static int track_get(BObj *self, Py_buffer *view, int flags) {
    int slot = -1;
    for (int i = 0; i < 16; i++) if (!self->views[i]) { slot = i; break; }
    if (slot < 0) { PyErr_SetString(PyExc_BufferError, "too many views"); return -1; }
    Py_ssize_t *dims = PyMem_Malloc(2 * sizeof(Py_ssize_t));
    if (!dims) { PyErr_NoMemory(); return -1; }
    if (PyBuffer_FillInfo(view, (PyObject *)self, self->data, self->len, self->readonly, flags) < 0) {
        PyMem_Free(dims); return -1;
    }
    dims[0] = self->len; dims[1] = 1;
    view->shape = &dims[0];
    view->strides = &dims[1];
    view->internal = NULL;        /* WRONG: the allocation is keyed by the struct's address */
    self->views[slot] = view; self->allocs[slot] = dims;
    self->exports++;
    return 0;
}
static void track_rel(BObj *self, Py_buffer *view) {
    self->exports--;
    for (int i = 0; i < 16; i++) if (self->views[i] == view) {
        PyMem_Free(self->allocs[i]); self->views[i] = NULL; self->allocs[i] = NULL; return;
    }
    /* released through a copy: not found, the per-view allocation leaks */
}

/* ---- ResizeWhileExported: resize() reallocates even while exported */
static PyObject *resize_meth(BObj *self, PyObject *arg) {
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0 && PyErr_Occurred()) return NULL;
    char *nd = PyMem_Calloc(n ? n : 1, 1);
    if (!nd) return PyErr_NoMemory();
    memcpy(nd, self->data, n < self->len ? n : self->len);
    /* WRONG: no check of self->exports. Old block quarantined, not freed (see above). */
    PyMem_Free(self->quarantine);
    self->quarantine = self->data;
    self->data = nd; self->len = n;
    Py_RETURN_NONE;
}
/* the correct one, for contrast */
static PyObject *good_resize_meth(BObj *self, PyObject *arg) {
    if (self->exports > 0) {
        PyErr_SetString(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
        return NULL;
    }
    return resize_meth(self, arg);
}

/* ---- ReExporter: holds an export of a base; drop_base() releases it even while exported */
static int reexp_init(BObj *self, PyObject *args, PyObject *kw) {
    PyObject *base;
    if (!PyArg_ParseTuple(args, "O", &base)) return -1;
    if (self->holding) { self->holding = 0; PyBuffer_Release(&self->held); }
    if (PyObject_GetBuffer(base, &self->held, PyBUF_SIMPLE) < 0) return -1;
    self->holding = 1;
    return 0;
}
static int reexp_get(BObj *self, Py_buffer *view, int flags) {
    if (!self->holding) { PyErr_SetString(PyExc_BufferError, "ReExporter: base dropped"); return -1; }
    if (PyBuffer_FillInfo(view, (PyObject *)self, self->held.buf, self->held.len, 1, flags) < 0) return -1;
    self->exports++;
    return 0;
}
static PyObject *drop_base(BObj *self, PyObject *unused) {
    /* WRONG: no check of self->exports */
    if (self->holding) { self->holding = 0; PyBuffer_Release(&self->held); }
    Py_RETURN_NONE;
}

/* ---- GetbufferNoIncref: view->obj set without a new reference */
static int noincref_get(BObj *self, Py_buffer *view, int flags) {
    if (PyBuffer_FillInfo(view, NULL, self->data, self->len, self->readonly, flags) < 0) return -1;
    view->obj = (PyObject *)self;  /* WRONG: borrowed */
    self->exports++;
    return 0;
}

static PyMethodDef resize_methods[] = {
    {"resize", (PyCFunction)resize_meth, METH_O, "resize(n) (broken: ignores exports)"}, {NULL}};
static PyMethodDef good_methods[] = {
    {"resize", (PyCFunction)good_resize_meth, METH_O, "resize(n), refused while exported"}, {NULL}};
static PyMethodDef reexp_methods[] = {
    {"drop_base", (PyCFunction)drop_base, METH_NOARGS, "release the base export (broken: even while exported)"}, {NULL}};

#define BUFTYPE(NAME, GET, REL, METHODS, INIT)                                              \
    static PyBufferProcs NAME##_procs = {(getbufferproc)GET, (releasebufferproc)REL};       \
    static PyTypeObject NAME##_Type = {                                                     \
        PyVarObject_HEAD_INIT(NULL, 0)                                                      \
        .tp_name = "bufspec_broken." #NAME,                                                 \
        .tp_basicsize = sizeof(BObj),                                                       \
        .tp_dealloc = (destructor)b_dealloc,                                                \
        .tp_as_buffer = &NAME##_procs,                                                      \
        .tp_flags = Py_TPFLAGS_DEFAULT,                                                     \
        .tp_doc = "deliberately broken exporter: " #NAME,                                   \
        .tp_methods = METHODS,                                                              \
        .tp_init = (initproc)INIT,                                                          \
        .tp_new = PyType_GenericNew,                                                        \
    };

BUFTYPE(Good, good_get, good_rel, good_methods, b_init)
BUFTYPE(ReleaseDecrefsObj, good_get, decref_rel, NULL, b_init)
BUFTYPE(FailedAcquireCounts, counts_get, good_rel, NULL, b_init)
BUFTYPE(FailedAcquireSetsObj, setsobj_get, good_rel, NULL, b_init)
BUFTYPE(FreeOnEveryRelease, freeing_get, freeing_rel, NULL, b_init)
BUFTYPE(TrackByViewAddress, track_get, track_rel, NULL, b_init)
BUFTYPE(ResizeWhileExported, good_get, good_rel, resize_methods, b_init)
BUFTYPE(ReExporter, reexp_get, good_rel, reexp_methods, reexp_init)
BUFTYPE(GetbufferNoIncref, noincref_get, good_rel, NULL, b_init)

/* ---- BytearraySub: a correct static subtype of bytearray whose slots call the base type's
 * slots explicitly (the tracer must pass such re-entry through, traced or not) */
static int basecall_get(PyObject *self, Py_buffer *view, int flags) {
    return PyByteArray_Type.tp_as_buffer->bf_getbuffer(self, view, flags);
}
static void basecall_rel(PyObject *self, Py_buffer *view) {
    PyByteArray_Type.tp_as_buffer->bf_releasebuffer(self, view);
}
static PyBufferProcs BytearraySub_procs = {basecall_get, basecall_rel};
static PyTypeObject BytearraySub_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bufspec_broken.BytearraySub",
    .tp_basicsize = sizeof(PyByteArrayObject),
    .tp_as_buffer = &BytearraySub_procs,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "a correct subtype of bytearray calling the base's buffer slots",
};

/* ---------------------------------------------------------------- consumers */
static void cap_free(PyObject *cap) { PyMem_Free(PyCapsule_GetPointer(cap, "bufspec_broken.view")); }

static PyObject *acquire_handle(PyObject *m, PyObject *args) {
    PyObject *o; int flags = PyBUF_SIMPLE;
    if (!PyArg_ParseTuple(args, "O|i", &o, &flags)) return NULL;
    Py_buffer *v = PyMem_Calloc(1, sizeof(Py_buffer));
    if (!v) return PyErr_NoMemory();
    if (PyObject_GetBuffer(o, v, flags) < 0) { PyMem_Free(v); return NULL; }
    return PyCapsule_New(v, "bufspec_broken.view", cap_free);
}
static PyObject *release_handle(PyObject *m, PyObject *cap) {
    Py_buffer *v = PyCapsule_GetPointer(cap, "bufspec_broken.view");
    if (!v) return NULL;
    PyBuffer_Release(v);
    Py_RETURN_NONE;
}
static PyObject *handle_buf(PyObject *m, PyObject *cap) {
    Py_buffer *v = PyCapsule_GetPointer(cap, "bufspec_broken.view");
    if (!v) return NULL;
    return PyLong_FromVoidPtr(v->buf);
}

/* acquire and release; returns whether the acquire reported success */
static PyObject *acquire_release(PyObject *m, PyObject *args) {
    PyObject *o; int flags = PyBUF_SIMPLE;
    if (!PyArg_ParseTuple(args, "O|i", &o, &flags)) return NULL;
    Py_buffer v; memset(&v, 0, sizeof v);
    if (PyObject_GetBuffer(o, &v, flags) < 0) { PyErr_Clear(); Py_RETURN_FALSE; }
    PyBuffer_Release(&v);
    Py_RETURN_TRUE;
}

/* a correct consumer whose acquire fails: no release */
static PyObject *acquire_expect_failure(PyObject *m, PyObject *args) {
    PyObject *o; int flags = PyBUF_WRITABLE;
    if (!PyArg_ParseTuple(args, "O|i", &o, &flags)) return NULL;
    Py_buffer v; memset(&v, 0, sizeof v);
    if (PyObject_GetBuffer(o, &v, flags) < 0) { PyErr_Clear(); Py_RETURN_FALSE; }
    PyBuffer_Release(&v);
    Py_RETURN_TRUE;
}

/* ReleaseOriginalAndCopy: releases the struct and a copy of it */
static PyObject *release_original_and_copy(PyObject *m, PyObject *o) {
    Py_buffer a, b;
    if (PyObject_GetBuffer(o, &a, PyBUF_SIMPLE) < 0) return NULL;
    memcpy(&b, &a, sizeof a);
    PyBuffer_Release(&a);
    Py_INCREF(o);           /* compensate the second decref so the process survives */
    PyBuffer_Release(&b);   /* WRONG: second release of the same export */
    Py_RETURN_NONE;
}

/* a correct release through a copy (the struct is copied, only the copy is released) */
static PyObject *release_through_copy(PyObject *m, PyObject *o) {
    Py_buffer a, b;
    if (PyObject_GetBuffer(o, &a, PyBUF_SIMPLE) < 0) return NULL;
    memcpy(&b, &a, sizeof a);
    memset(&a, 0xAB, sizeof a);   /* the original is gone */
    PyBuffer_Release(&b);
    Py_RETURN_NONE;
}

/* ReleaseAfterFailedAcquire: the struct still holds a stale obj; the acquire fails and the
 * consumer releases it anyway (swig/swig#1640) */
static PyObject *release_after_failed_acquire(PyObject *m, PyObject *o) {
    Py_buffer v;
    if (PyObject_GetBuffer(o, &v, PyBUF_SIMPLE) < 0) return NULL;
    Py_buffer stale; memcpy(&stale, &v, sizeof v);
    PyBuffer_Release(&v);
    if (PyObject_GetBuffer(o, &stale, PyBUF_WRITABLE) == 0) {
        PyBuffer_Release(&stale);
        PyErr_SetString(PyExc_RuntimeError, "expected the writable request to fail");
        return NULL;
    }
    PyErr_Clear();
    Py_INCREF(o);              /* compensate */
    PyBuffer_Release(&stale);  /* WRONG: releases a failed acquire */
    Py_RETURN_NONE;
}

/* ViewNeverReleased: acquires a view and forgets it */
static PyObject *leak_view(PyObject *m, PyObject *o) {
    Py_buffer *v = PyMem_Calloc(1, sizeof(Py_buffer));
    if (!v) return PyErr_NoMemory();
    if (PyObject_GetBuffer(o, v, PyBUF_SIMPLE) < 0) { PyMem_Free(v); return NULL; }
    Py_RETURN_NONE;  /* WRONG: never released (and the struct leaks) */
}

static PyObject *incref(PyObject *m, PyObject *o) { Py_INCREF(o); Py_RETURN_NONE; }

static PyMethodDef mod_methods[] = {
    {"acquire_handle", acquire_handle, METH_VARARGS, "acquire_handle(obj, flags=0) -> capsule owning a live view"},
    {"release_handle", release_handle, METH_O, "PyBuffer_Release the capsule's view"},
    {"handle_buf", handle_buf, METH_O, "buf pointer of the capsule's view"},
    {"acquire_release", acquire_release, METH_VARARGS, "acquire and release; False if the acquire failed"},
    {"acquire_expect_failure", acquire_expect_failure, METH_VARARGS, "acquire (default PyBUF_WRITABLE); no release on failure"},
    {"release_original_and_copy", release_original_and_copy, METH_O, "broken consumer: double release through a copy"},
    {"release_through_copy", release_through_copy, METH_O, "correct consumer: releases a copy only"},
    {"release_after_failed_acquire", release_after_failed_acquire, METH_O, "broken consumer: releases after a failed acquire"},
    {"leak_view", leak_view, METH_O, "broken consumer: never releases"},
    {"incref", incref, METH_O, "Py_INCREF (compensates refcounts that a bug corrupts)"},
    {NULL}
};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "bufspec_broken",
    "Deliberately broken buffer exporters and consumers (tests only).", -1, mod_methods};

PyMODINIT_FUNC PyInit_bufspec_broken(void) {
    PyTypeObject *types[] = {&Good_Type, &ReleaseDecrefsObj_Type, &FailedAcquireCounts_Type,
        &FailedAcquireSetsObj_Type, &FreeOnEveryRelease_Type, &TrackByViewAddress_Type,
        &ResizeWhileExported_Type, &ReExporter_Type, &GetbufferNoIncref_Type,
        &BytearraySub_Type, NULL};
    PyObject *m = PyModule_Create(&moddef);
    if (!m) return NULL;
    BytearraySub_Type.tp_base = &PyByteArray_Type;
    for (int i = 0; types[i]; i++) {
        if (PyType_Ready(types[i]) < 0) return NULL;
        Py_INCREF(types[i]);
        PyModule_AddObject(m, strchr(types[i]->tp_name, '.') + 1, (PyObject *)types[i]);
    }
    PyObject *off = Py_BuildValue("{s:n,s:n,s:n}",
        "exports", (Py_ssize_t)offsetof(BObj, exports),
        "data", (Py_ssize_t)offsetof(BObj, data),
        "held", (Py_ssize_t)offsetof(BObj, held));
    PyModule_AddObject(m, "OFFSETS", off);
    PyModule_AddIntConstant(m, "PyBUF_WRITABLE", PyBUF_WRITABLE);
    return m;
}

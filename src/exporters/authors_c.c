/*
 * Exporters written the way extension authors write them (not src/broken's test doubles:
 * nothing here is quarantined, the memory is really freed). For the memory watch's corpus
 * (traces/corpus/authors-*.ndjson); src/tracer/workloads/authors.py drives them.
 *
 *   ShapeOutsideInternal  BROKEN: keeps the shape of "the" view in the object and frees it
 *                         when the next view is acquired: the earlier view's shape dangles
 *   ShapeInInternal       correct: each view's shape is allocated per view, found through
 *                         view->internal and freed by its own release
 *   BorrowedView          BROKEN: getbuffer stores view->obj without a reference; the view
 *                         outlives the object, whose dealloc frees the data under it
 *   Plain                 correct: the same with the reference
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    char *data;
    Py_ssize_t len;
    Py_ssize_t *shape;   /* ShapeOutsideInternal: the last view's shape */
} Obj;

static int obj_init(Obj *self, PyObject *args, PyObject *kw) {
    Py_ssize_t n = 0;
    if (!PyArg_ParseTuple(args, "n", &n)) return -1;
    free(self->data);
    self->data = calloc(n ? (size_t)n : 1, 1);
    if (!self->data) { PyErr_NoMemory(); return -1; }
    self->len = n;
    return 0;
}

static void obj_dealloc(Obj *self) {
    free(self->data);
    PyMem_Free(self->shape);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int fill(Obj *self, Py_buffer *view, int flags, Py_ssize_t *shape) {
    view->buf = self->data;
    view->len = self->len;
    view->readonly = 0;
    view->itemsize = 1;
    view->format = (flags & PyBUF_FORMAT) ? "B" : NULL;
    view->ndim = 1;
    view->shape = (flags & PyBUF_ND) ? shape : NULL;
    view->strides = NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

/* ---- ShapeOutsideInternal */
static int soi_get(Obj *self, Py_buffer *view, int flags) {
    PyMem_Free(self->shape);              /* WRONG: the previous view may still point at it */
    self->shape = PyMem_Malloc(sizeof(Py_ssize_t));
    if (!self->shape) { PyErr_NoMemory(); return -1; }
    self->shape[0] = self->len;
    fill(self, view, flags, self->shape);
    view->obj = (PyObject *)self; Py_INCREF(self);
    return 0;
}

/* ---- ShapeInInternal */
static int sii_get(Obj *self, Py_buffer *view, int flags) {
    Py_ssize_t *shape = PyMem_Malloc(sizeof(Py_ssize_t));
    if (!shape) { PyErr_NoMemory(); return -1; }
    shape[0] = self->len;
    fill(self, view, flags, shape);
    view->internal = shape;
    view->obj = (PyObject *)self; Py_INCREF(self);
    return 0;
}
static void sii_rel(Obj *self, Py_buffer *view) { PyMem_Free(view->internal); }

/* ---- BorrowedView / Plain */
static int bv_get(Obj *self, Py_buffer *view, int flags) {
    fill(self, view, flags, &self->len);
    view->obj = (PyObject *)self;         /* WRONG: no Py_INCREF */
    return 0;
}
static int plain_get(Obj *self, Py_buffer *view, int flags) {
    fill(self, view, flags, &self->len);
    view->obj = (PyObject *)self; Py_INCREF(self);
    return 0;
}

/* a consumer that keeps a view beyond the call (as C code caching a buffer does) */
static void cap_release(PyObject *cap) {
    Py_buffer *v = PyCapsule_GetPointer(cap, "authors.view");
    if (v) {
        if (v->obj) PyBuffer_Release(v);
        PyMem_Free(v);
    }
}
static PyObject *keep_view(PyObject *m, PyObject *o) {
    Py_buffer *v = PyMem_Calloc(1, sizeof(Py_buffer));
    if (!v) return PyErr_NoMemory();
    if (PyObject_GetBuffer(o, v, PyBUF_FULL_RO) < 0) { PyMem_Free(v); return NULL; }
    PyObject *cap = PyCapsule_New(v, "authors.view", cap_release);
    if (!cap) { PyBuffer_Release(v); PyMem_Free(v); }
    return cap;
}
/* a consumer that forgets its view without releasing it (BorrowedView's view must not be
 * released after its object is gone: that is the bug's consequence, not the scenario) */
static PyObject *forget_view(PyObject *m, PyObject *cap) {
    Py_buffer *v = PyCapsule_GetPointer(cap, "authors.view");
    if (!v) return NULL;
    v->obj = NULL;
    Py_RETURN_NONE;
}

#define TYPE(NAME, GET, REL, DOC) \
    static PyBufferProcs NAME##_as_buffer = {(getbufferproc)GET, (releasebufferproc)REL}; \
    static PyTypeObject NAME##_Type = { \
        PyVarObject_HEAD_INIT(NULL, 0) \
        .tp_name = "bufspec_authors_c." #NAME, .tp_basicsize = sizeof(Obj), \
        .tp_dealloc = (destructor)obj_dealloc, .tp_as_buffer = &NAME##_as_buffer, \
        .tp_flags = Py_TPFLAGS_DEFAULT, .tp_doc = DOC, .tp_init = (initproc)obj_init, \
        .tp_new = PyType_GenericNew, \
    };
TYPE(ShapeOutsideInternal, soi_get, NULL, "BROKEN: frees the previous view's shape on each getbuffer")
TYPE(ShapeInInternal, sii_get, sii_rel, "per-view shape in view->internal, freed by its release")
TYPE(BorrowedView, bv_get, NULL, "BROKEN: getbuffer takes no reference on view->obj")
TYPE(Plain, plain_get, NULL, "a plain exporter")

static PyMethodDef methods[] = {
    {"keep_view", keep_view, METH_O, "keep_view(obj) -> capsule holding a PyBUF_FULL_RO view, released with it"},
    {"forget_view", forget_view, METH_O, "forget_view(capsule): drop the view without releasing it"},
    {NULL}
};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "bufspec_authors_c", NULL, -1, methods};

PyMODINIT_FUNC PyInit_bufspec_authors_c(void) {
    PyTypeObject *types[] = {&ShapeOutsideInternal_Type, &ShapeInInternal_Type, &BorrowedView_Type, &Plain_Type};
    PyObject *m = PyModule_Create(&mod);
    if (!m) return NULL;
    for (int i = 0; i < 4; i++) {
        if (PyType_Ready(types[i]) < 0) return NULL;
        Py_INCREF(types[i]);
        PyModule_AddObject(m, strrchr(types[i]->tp_name, '.') + 1, (PyObject *)types[i]);
    }
    return m;
}

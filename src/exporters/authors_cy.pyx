# cython: language_level=3
"""Exporters as Cython authors write them (for the memory watch's corpus, traces/corpus/authors-*).

GrowBuffer       BROKEN: extend() reallocates its storage whatever views are live
CheckedBuffer    correct: the same, refusing with BufferError while exported
"""
from cpython.buffer cimport PyBUF_FORMAT, PyBUF_ND
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.string cimport memcpy

cdef char *FORMAT_B = b"B"


cdef class GrowBuffer:
    cdef char *data
    cdef Py_ssize_t size
    cdef Py_ssize_t shape[1]
    cdef Py_ssize_t exports

    def __cinit__(self, Py_ssize_t n=64):
        self.data = <char *>PyMem_Malloc(n if n else 1)
        if not self.data:
            raise MemoryError()
        self.size = n

    def __dealloc__(self):
        PyMem_Free(self.data)

    def _check(self):
        pass

    def extend(self, bytes more):
        self._check()
        cdef Py_ssize_t n = len(more)
        cdef char *p = <char *>PyMem_Realloc(self.data, self.size + n)
        if not p:
            raise MemoryError()
        memcpy(p + self.size, <char *>more, n)
        self.data = p
        self.size += n

    def __len__(self):
        return self.size

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        self.shape[0] = self.size
        buffer.buf = self.data
        buffer.obj = self
        buffer.len = self.size
        buffer.readonly = 0
        buffer.itemsize = 1
        buffer.format = FORMAT_B if flags & PyBUF_FORMAT else NULL
        buffer.ndim = 1
        buffer.shape = self.shape if flags & PyBUF_ND else NULL
        buffer.strides = NULL
        buffer.suboffsets = NULL
        buffer.internal = NULL
        self.exports += 1

    def __releasebuffer__(self, Py_buffer *buffer):
        self.exports -= 1


cdef class CheckedBuffer(GrowBuffer):
    def _check(self):
        if self.exports:
            raise BufferError(f"cannot resize: {self.exports} buffer(s) exported")

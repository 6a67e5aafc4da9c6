"""Workloads over exporters written as extension authors write them (src/exporters: C, Cython,
pybind11), for the memory watch: each broken variant frees or moves memory under a live view, and
nothing in the exporter tells the tracer (no register_* call): the memory watch sees the free.

    PYTHONPATH=target/python:target/python-authors \\
        python3 -m bufspec_tracer -o authors-X.ndjson src/tracer/workloads/authors.py X

traces/corpus/EXPECTED.tsv holds each log's verdict."""
import sys


def ShapeOutsideInternal():
    """C: the shape of the previous view is freed by the next getbuffer (PyMem_Free)."""
    import bufspec_authors_c as c
    o = c.ShapeOutsideInternal(64)
    v1 = c.keep_view(o)
    v2 = c.keep_view(o)        # frees the shape v1 points at
    del v1, v2


def ShapeInInternal():
    import bufspec_authors_c as c
    o = c.ShapeInInternal(64)
    v1 = c.keep_view(o)
    v2 = c.keep_view(o)
    del v1, v2
    m = memoryview(o)
    m.release()


def BorrowedView():
    """C: getbuffer takes no reference; the view outlives its object, whose dealloc frees the
    data (libc free) under it."""
    import bufspec_authors_c as c
    o = c.BorrowedView(4096)
    v = c.keep_view(o)
    del o                      # the last reference: dealloc frees the data v points at
    c.forget_view(v)           # (releasing v now would touch the freed object)
    del v


def Plain():
    import bufspec_authors_c as c
    o = c.Plain(4096)
    v = c.keep_view(o)
    del o                      # v still holds a reference: nothing is freed
    del v


def GrowBuffer():
    """Cython: extend() PyMem_Realloc's the storage while a memoryview is live."""
    import bufspec_authors_cy as cy
    g = cy.GrowBuffer(64)
    m = memoryview(g)
    g.extend(b"x" * 100000)    # moves the 64-byte pymalloc block under m
    m.release()


def CheckedBuffer():
    import bufspec_authors_cy as cy
    g = cy.CheckedBuffer(64)
    m = memoryview(g)
    try:
        g.extend(b"x" * 100000)
    except BufferError:
        pass
    m.release()
    g.extend(b"x" * 100000)
    m = memoryview(g)
    m.release()


def LazyMatrix():
    """pybind11: every buffer request replaces the std::vector earlier views point at."""
    import bufspec_authors_pb as pb
    x = pb.LazyMatrix(64, 64)
    m1 = memoryview(x)
    m2 = memoryview(x)         # frees m1's storage (operator delete -> free)
    m2.release()
    m1.release()


def Matrix():
    import bufspec_authors_pb as pb
    x = pb.Matrix(64, 64)
    m1 = memoryview(x)
    m2 = memoryview(x)
    assert m1.tolist() == m2.tolist()
    m2.release()
    m1.release()


BROKEN = ["ShapeOutsideInternal", "BorrowedView", "GrowBuffer", "LazyMatrix"]
GOOD = ["ShapeInInternal", "Plain", "CheckedBuffer", "Matrix"]

if __name__ == "__main__":
    globals()[sys.argv[1]]()

/*
 * The tracer's memory watch (docs/trace-format.md, kind "freed";
 * src/tracer/README.md).
 *
 * Every view the tracer sees acquired is watched until its release:
 * buf..buf+len (the extent the strides reach when strides are given without
 * suboffsets), and the shape, strides, suboffsets and format arrays when they
 * lie outside the Py_buffer struct itself. A block freed or moved while it
 * overlaps watched memory is recorded as a "freed" event: the call, the block,
 * the live views it hits and the Python stack.
 *
 * Where calls are seen: libc free/realloc/reallocarray/munmap/mremap through
 * the LD_PRELOAD shim libbufspec_memwatch.so (python -m bufspec_tracer
 * re-executes itself with it), and the PyMem domains through
 * PyMem_SetAllocator wrappers (MEM and OBJ always: pymalloc's small blocks
 * never reach libc; RAW only when the shim is absent, since it ends in libc
 * free).
 *
 * Cost: a page table of counters (how many watched ranges touch each page,
 * hashed) is read without a lock; a call whose block touches no counted page
 * returns after one or two loads. Only a block on a counted page takes the
 * lock and compares with the live views.
 */
#define _GNU_SOURCE
#include "_memwatch.h"

/* the builds _tracer.c refuses at import (BS_REFUSE: free-threaded, unknown
 * versions) get no memory watch either: nothing here may reference its writer
 */
#ifndef BS_MAX_MINOR
#define BS_MAX_MINOR 15
#endif
#if !defined(Py_GIL_DISABLED) && PY_VERSION_HEX >= 0x030B0000 &&              \
    PY_MINOR_VERSION <= BS_MAX_MINOR
#include <dlfcn.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MW_TLS __thread __attribute__((tls_model("initial-exec")))
#define PG_SHIFT                                                              \
    10 /* 1 KiB "pages": pymalloc heaps are dense, finer pages send fewer     \
          frees to the lock */
#define PT_BITS 16
#define BIG_PAGES                                                             \
    256 /* ranges of more pages (256 KiB) are kept apart, not in the page     \
           table */
#define PYMALLOC_MAX                                                          \
    512 /* pymalloc's largest small block (3.11 SMALL_REQUEST_THRESHOLD) */
#define MAX_HITS 16
#define STACK_FRAMES 8

enum {
    MW_FREE = 1,
    MW_REALLOC = 2,
    MW_REALLOCARRAY = 3,
    MW_MUNMAP = 4,
    MW_MREMAP = 5,
    MW_PYMEM = 10 /* + domain: free; + 3 + domain: realloc */
};
static const char *
call_name(int call)
{
    switch (call) {
    case MW_FREE:
        return "free";
    case MW_REALLOC:
        return "realloc";
    case MW_REALLOCARRAY:
        return "reallocarray";
    case MW_MUNMAP:
        return "munmap";
    case MW_MREMAP:
        return "mremap";
    case MW_PYMEM + 0:
        return "PyMem_RawFree";
    case MW_PYMEM + 1:
        return "PyMem_Free";
    case MW_PYMEM + 2:
        return "PyObject_Free";
    case MW_PYMEM + 3:
        return "PyMem_RawRealloc";
    case MW_PYMEM + 4:
        return "PyMem_Realloc";
    case MW_PYMEM + 5:
        return "PyObject_Realloc";
    default:
        return "?";
    }
}

typedef struct {
    uintptr_t lo, hi;
} Rng;
static uint32_t g_pt[1u << PT_BITS];
static volatile int g_nwatch; /* watched views: the fast exit when 0 */
/* ranges over BIG_PAGES pages: kept in g_big, not in g_pt */
static volatile int g_nbig;
#define BIG_MAX 64
static Rng g_big[BIG_MAX]; /* the first BIG_MAX of them (more: every call is
                              checked) */
/* checks on (BUFSPEC_MEMWATCH=0 or memwatch_enable(False): off) */
static volatile int g_on;
static int g_inited, g_shim, g_wrapped[3], g_disabled;
static long long g_slow, g_events, g_hits, g_scanned, g_maxw, g_bigover;
static pthread_mutex_t g_mwlock = PTHREAD_MUTEX_INITIALIZER;

static MW_TLS int t_busy; /* inside the watch itself: no checks */
/* inside a wrapped PyMem call: no Python stack */
static MW_TLS int t_in_pymem;
static MW_TLS void *t_pending; /* a PyMem free/realloc being checked: the libc
                                * layer only notes the block's size (t_seen_n),
                                * the PyMem wrapper reports */
static MW_TLS int t_seen;
static MW_TLS size_t t_seen_n;
/* a munmap during that call covered the pending block */
static MW_TLS int t_unmapped;

enum {
    R_BUF,
    R_SHAPE,
    R_STRIDES,
    R_SUBOFFSETS,
    R_FORMAT,
    NR
};
static const char *const RNAME[NR] = {"buf", "shape", "strides", "suboffsets",
                                      "format"};
typedef struct {
    Py_buffer *view;
    PyObject *obj;
    void *buf;
    Py_ssize_t len;
    Rng r[NR];
} Ent;
static Ent *g_ents;
static int g_en, g_ecap;

static inline uint32_t
ph(uintptr_t page)
{
    return (uint32_t)(((uint64_t)page * 0x9E3779B97F4A7C15ULL) >>
                      (64 - PT_BITS));
}

static void
pt_add(const Rng *r, int d)
{
    if (r->lo >= r->hi) {
        return;
    }
    uintptr_t a = r->lo >> PG_SHIFT, b = (r->hi - 1) >> PG_SHIFT;
    if (b - a >= BIG_PAGES) {
        if (d > 0) {
            if (g_nbig < BIG_MAX) {
                g_big[g_nbig] = *r;
            }
            g_nbig++;
        }
        else {
            int n = g_nbig < BIG_MAX ? g_nbig : BIG_MAX;
            for (int i = 0; i < n; i++) {
                if (g_big[i].lo == r->lo && g_big[i].hi == r->hi) {
                    g_big[i] = g_big[n - 1];
                    break;
                }
            }
            g_nbig--;
            /* past BIG_MAX the array no longer lists them all: rebuilt by the
             * caller (drop) */
        }
        return;
    }
    for (; a <= b; a++) {
        g_pt[ph(a)] += (uint32_t)d;
    }
}

/* lock-free: does [lo, hi) touch a page holding watched memory? (false
 * positives only) */
static inline int
near(uintptr_t lo, uintptr_t hi)
{
    if (hi <= lo) {
        hi = lo + 1;
    }
    int nb = g_nbig;
    if (nb) {
        if (nb > BIG_MAX) {
            return 1;
        }
        for (int i = 0; i < nb; i++) {
            if (g_big[i].lo < hi && lo < g_big[i].hi) {
                return 1;
            }
        }
    }
    uintptr_t a = lo >> PG_SHIFT, b = (hi - 1) >> PG_SHIFT;
    if (b - a >= BIG_PAGES) {
        return 1;
    }
    for (; a <= b; a++) {
        if (g_pt[ph(a)]) {
            return 1;
        }
    }
    return 0;
}

static int
in_struct(const void *p, const Py_buffer *v)
{
    return (const char *)p >= (const char *)v &&
           (const char *)p < (const char *)(v + 1);
}

static Rng
arr(const void *p, int ndim, const Py_buffer *v)
{
    Rng r = {0, 0};
    if (!p || ndim <= 0 || ndim > 64 || in_struct(p, v)) {
        return r;
    }
    r.lo = (uintptr_t)p;
    r.hi = r.lo + (size_t)ndim * sizeof(Py_ssize_t);
    return r;
}

static Rng
buf_range(const Py_buffer *v)
{
    Rng r = {0, 0};
    if (!v->buf || v->len <= 0) {
        return r;
    }
    uintptr_t b = (uintptr_t)v->buf;
    if (v->shape && v->strides && !v->suboffsets && v->ndim > 0 &&
        v->ndim <= 64 && v->itemsize > 0) {
        long long lo = 0, hi = 0;
        for (int i = 0; i < v->ndim; i++) {
            if (v->shape[i] <= 0) {
                return r; /* empty: nothing is reachable */
            }
            long long e = (long long)(v->shape[i] - 1) * v->strides[i];
            if (e < 0) {
                lo += e;
            }
            else {
                hi += e;
            }
        }
        /* what the strides reach, not len: a zero-stride view's len counts its
         * one item shape-many times (test_buffer's
         * test_memoryview_compare_multidim_zero_strides) */
        r.lo = b + (uintptr_t)lo;
        r.hi = b + (uintptr_t)hi + (uintptr_t)v->itemsize;
        return r;
    }
    r.lo = b;
    r.hi = b + (uintptr_t)v->len;
    return r;
}

void
mw_watch(PyObject *obj, Py_buffer *view)
{
    if (!g_on || !view || !obj) {
        return;
    }
    Ent e;
    memset(&e, 0, sizeof e);
    e.view = view;
    e.obj = obj;
    e.buf = view->buf;
    e.len = view->len;
    e.r[R_BUF] = buf_range(view);
    e.r[R_SHAPE] = arr(view->shape, view->ndim, view);
    e.r[R_STRIDES] = arr(view->strides, view->ndim, view);
    e.r[R_SUBOFFSETS] = arr(view->suboffsets, view->ndim, view);
    if (view->format && !in_struct(view->format, view)) {
        e.r[R_FORMAT].lo = (uintptr_t)view->format;
        e.r[R_FORMAT].hi = e.r[R_FORMAT].lo + strnlen(view->format, 256) + 1;
    }
    int any = 0;
    for (int i = 0; i < NR; i++) {
        any |= e.r[i].lo < e.r[i].hi;
    }
    if (!any) {
        return;
    }
    pthread_mutex_lock(&g_mwlock);
    if (g_en == g_ecap) {
        int nc = g_ecap ? g_ecap * 2 : 256;
        t_busy++;
        Ent *n = realloc(g_ents, (size_t)nc * sizeof(Ent));
        t_busy--;
        if (!n) {
            pthread_mutex_unlock(&g_mwlock);
            return;
        }
        g_ents = n;
        g_ecap = nc;
    }
    g_ents[g_en++] = e;
    if (g_en > g_maxw) {
        g_maxw = g_en;
    }
    for (int i = 0; i < NR; i++) {
        pt_add(&e.r[i], 1);
    }
    g_nwatch = g_en;
    pthread_mutex_unlock(&g_mwlock);
}

static int
is_big(const Rng *r)
{
    return r->lo < r->hi &&
           ((r->hi - 1) >> PG_SHIFT) - (r->lo >> PG_SHIFT) >= BIG_PAGES;
}

static void
drop(int i)
{
    int was_over = g_nbig > BIG_MAX;
    for (int k = 0; k < NR; k++) {
        pt_add(&g_ents[i].r[k], -1);
    }
    g_ents[i] = g_ents[--g_en];
    g_nwatch = g_en;
    if (was_over &&
        g_nbig <= BIG_MAX) { /* back within the array: list them again */
        int n = 0;
        for (int e = 0; e < g_en; e++) {
            for (int k = 0; k < NR; k++) {
                if (is_big(&g_ents[e].r[k]) && n < BIG_MAX) {
                    g_big[n++] = g_ents[e].r[k];
                }
            }
        }
    }
}

/* the view by its struct, else (a release through a copy) by obj, buf and len;
 * newest first */
void
mw_unwatch(PyObject *obj, Py_buffer *view)
{
    if (!g_en || !view) {
        return;
    }
    pthread_mutex_lock(&g_mwlock);
    int at = -1;
    for (int i = g_en - 1; i >= 0; i--) {
        if (g_ents[i].view == view && g_ents[i].obj == obj) {
            at = i;
            break;
        }
    }
    if (at < 0) {
        for (int i = g_en - 1; i >= 0; i--) {
            if (g_ents[i].obj == obj && g_ents[i].buf == view->buf &&
                g_ents[i].len == view->len) {
                at = i;
                break;
            }
        }
    }
    if (at >= 0) {
        drop(at);
    }
    pthread_mutex_unlock(&g_mwlock);
}

/* in a forked child: another thread may have held the lock at the fork */
void
mw_after_fork(void)
{
    pthread_mutex_init(&g_mwlock, NULL);
}

void
mw_clear(void)
{
    pthread_mutex_lock(&g_mwlock);
    while (g_en) {
        drop(g_en - 1);
    }
    g_nbig = 0;
    memset(g_pt, 0, sizeof g_pt);
    memset(g_big, 0, sizeof g_big);
    pthread_mutex_unlock(&g_mwlock);
}

/* the exact test, under the lock: does any watched range overlap [lo, hi)? */
static int
any_overlap(uintptr_t lo, uintptr_t hi)
{
    int found = 0;
    pthread_mutex_lock(&g_mwlock);
    g_slow++;
    g_scanned += g_en;
    if (g_nbig > BIG_MAX) {
        g_bigover++;
    }
    for (int i = 0; i < g_en && !found; i++) {
        for (int k = 0; k < NR; k++) {
            if (g_ents[i].r[k].lo < hi && lo < g_ents[i].r[k].hi) {
                found = 1;
                break;
            }
        }
    }
    pthread_mutex_unlock(&g_mwlock);
    return found;
}

/* ---- the slow path: which live views does the freed range hit? ---- */
typedef struct {
    Py_buffer *view;
    PyObject *obj;
    int what;
} Hit;

static char *
w_stack(char *p)
{
    memcpy(p, ",\"stack\":[", 10);
    p += 10;
#if PY_VERSION_HEX >= 0x030D0000
    PyThreadState *ts = PyThreadState_GetUnchecked();
#else
    PyThreadState *ts = _PyThreadState_UncheckedGet();
#endif
    if (!t_in_pymem && ts && PyGILState_Check()) {
        PyFrameObject *f = PyEval_GetFrame();
        Py_XINCREF(f);
        for (int i = 0; f && i < STACK_FRAMES; i++) {
            PyCodeObject *co = PyFrame_GetCode(f);
            const char *file = co ? PyUnicode_AsUTF8(co->co_filename) : NULL;
            const char *name = co ? PyUnicode_AsUTF8(co->co_name) : NULL;
            if (PyErr_Occurred()) {
                PyErr_Clear();
            }
            /* the runner's own frames (runpy, python -m bufspec_tracer) end
             * the stack */
            if (file && (strcmp(file, "<frozen runpy>") == 0 ||
                         strstr(file, "bufspec_tracer/__main__.py"))) {
                Py_XDECREF(co);
                break;
            }
            char tmp[480];
            snprintf(tmp, sizeof tmp, "%.150s:%d %.40s", file ? file : "?",
                     PyFrame_GetLineNumber(f), name ? name : "?");
            if (i) {
                *p++ = ',';
            }
            p = bs_w_jstr(p, tmp, 200);
            Py_XDECREF(co);
            PyFrameObject *b = PyFrame_GetBack(f);
            Py_DECREF(f);
            f = b;
        }
        Py_XDECREF(f);
    }
    *p++ = ']';
    return p;
}

/* block p (oldlen bytes) was freed, moved to newp or shrunk in place to newlen
 */
static void
mw_hit(int call, void *p, size_t oldlen, void *newp, size_t newlen)
{
    if (t_busy || !g_on) {
        return;
    }
    t_busy++;
    int moved = newp != p;
    uintptr_t lo = (uintptr_t)p + (moved ? 0 : newlen),
              hi = (uintptr_t)p + oldlen;
    if (hi <= lo) {
        hi = lo + 1;
    }
    Hit hits[MAX_HITS];
    int nh = 0, more = 0;
    pthread_mutex_lock(&g_mwlock);
    g_slow++;
    g_scanned += g_en;
    if (g_nbig > BIG_MAX) {
        g_bigover++;
    }
    for (int i = 0; i < g_en; i++) {
        Ent *e = &g_ents[i];
        for (int k = 0; k < NR; k++) {
            if (e->r[k].lo < hi && lo < e->r[k].hi) {
                if (nh < MAX_HITS) {
                    hits[nh].view = e->view;
                    hits[nh].obj = e->obj;
                    hits[nh].what = k;
                    nh++;
                }
                else {
                    more++;
                }
                break;
            }
        }
    }
    pthread_mutex_unlock(&g_mwlock);
    char *stack = nh && bs_active() ? malloc(STACK_FRAMES * 1300 + 16) : NULL;
    if (stack) {
        /* formatted before the log lock is taken: Python's APIs may allocate
         */
        char *se = w_stack(stack);
        *se = 0;
        g_events++;
        g_hits += nh + more;
        char *q = bs_ev_begin("freed");
        memcpy(q, ",\"call\":", 8);
        q += 8;
        q = bs_w_jstr(q, call_name(call), 40);
        memcpy(q, ",\"block\":", 9);
        q += 9;
        q = bs_w_ptr(q, p);
        memcpy(q, ",\"size\":", 8);
        q += 8;
        q = bs_w_i64(q, (long long)oldlen);
        if (call != MW_FREE && call != MW_MUNMAP && call != MW_PYMEM &&
            call != MW_PYMEM + 1 && call != MW_PYMEM + 2) {
            memcpy(q, ",\"new\":", 7);
            q += 7;
            q = bs_w_ptr(q, newp);
            memcpy(q, ",\"new_size\":", 12);
            q += 12;
            q = bs_w_i64(q, (long long)newlen);
        }
        memcpy(q, ",\"views\":[", 10);
        q += 10;
        for (int i = 0; i < nh; i++) {
            if (i) {
                *q++ = ',';
            }
            memcpy(q, "{\"view\":", 8);
            q += 8;
            q = bs_w_ptr(q, hits[i].view);
            memcpy(q, ",\"obj\":", 7);
            q += 7;
            q = bs_w_id(q, hits[i].obj);
            memcpy(q, ",\"field\":\"", 10);
            q += 10;
            const char *w = RNAME[hits[i].what];
            while (*w) {
                *q++ = *w++;
            }
            *q++ = '"';
            *q++ = '}';
        }
        *q++ = ']';
        if (more) {
            memcpy(q, ",\"more_views\":", 14);
            q += 14;
            q = bs_w_i64(q, more);
        }
        memcpy(q, stack, (size_t)(se - stack));
        q += se - stack;
        bs_ev_end(q);
        free(stack);
    }
    t_busy--;
}

/* the libc layer (shim, or the RAW wrapper): 0 when [p, p+len) touches no
 * watched page */
static size_t
mw_pre(void *p, size_t len)
{
    if (!g_nwatch) {
        return 0;
    }
    if (t_pending) {
        if (p == t_pending && !len) {
            t_seen = 1;
            t_seen_n = malloc_usable_size(p);
            return 0;
        }
        /* pymalloc freeing the arena of the pending block: no pool header to
         * read after it */
        if (len && (uintptr_t)t_pending - (uintptr_t)p < len) {
            t_unmapped = 1;
        }
    }
    if (t_busy || !g_on) {
        return 0;
    }
    size_t n = len ? len : malloc_usable_size(p);
    if (!n) {
        return 0;
    }
    return near((uintptr_t)p, (uintptr_t)p + n) ? n : 0;
}

/* ---- PyMem domains ---- */
static PyMemAllocatorEx g_orig[3];
static long g_pagesize;

/* the size of pymalloc block p (CPython 3.11 Objects/obmalloc.c: 16 KiB pools,
 * a 48-byte pool_header with szidx at offset 36, blocks of (szidx + 1) * 16
 * bytes), or 0 when p does not look like one. Unchecked: after the free, when
 * the libc layer did not see p (so pymalloc owned it) and no munmap covered it
 * (its pool is still mapped). Checked (no shim: frees pymalloc hands to libc
 * are not seen, so before the free): the header page is checked with mincore
 * first (never read unmapped memory), and glibc's mmapped chunks (p 16 bytes
 * past a page, IS_MMAPPED in the size word) are skipped. */
static size_t
pool_block_size(void *p, int checked)
{
    uintptr_t a = (uintptr_t)p, pool = a & ~(uintptr_t)(16384 - 1);
    if (a - pool < 48) {
        return 0;
    }
    if (checked) {
        if ((a & 4095) == 16) {
            size_t sz = *(size_t *)(a - 8);
            if ((sz & 2) && (sz & ~(size_t)7) % 4096 == 0) {
                return 0;
            }
        }
        unsigned char vec;
        if (mincore((void *)pool, 1, &vec) != 0) {
            return 0;
        }
    }
    unsigned szidx = *(const unsigned *)(pool + 36);
    if (szidx >= 32) {
        return 0;
    }
    size_t sz = (size_t)(szidx + 1) << 4;
    if ((a - pool - 48) % sz) {
        return 0;
    }
    return sz;
}

static void *
pm_malloc(void *ctx, size_t n)
{
    PyMemAllocatorEx *o = ctx;
    return o->malloc(o->ctx, n);
}
static void *
pm_calloc(void *ctx, size_t a, size_t b)
{
    PyMemAllocatorEx *o = ctx;
    return o->calloc(o->ctx, a, b);
}

static void
pm_free(void *ctx, void *p)
{
    PyMemAllocatorEx *o = ctx;
    int dom = (int)(o - g_orig);
    if (!p || !g_nwatch || t_busy || !g_on) {
        o->free(o->ctx, p);
        return;
    }
    if (dom == PYMEM_DOMAIN_RAW) { /* no shim: this is the libc layer */
        size_t n = mw_pre(p, 0);
        if (n) {
            mw_hit(MW_PYMEM + dom, p, n, NULL, 0);
        }
        o->free(o->ctx, p);
        return;
    }
    if (!near((uintptr_t)p, (uintptr_t)p + PYMALLOC_MAX) ||
        !any_overlap((uintptr_t)p, (uintptr_t)p + PYMALLOC_MAX)) {
        o->free(o->ctx, p);
        return;
    }
    size_t pn = g_shim ? 0 : pool_block_size(p, 1);
    void *saved = t_pending;
    t_pending = p;
    t_seen = 0;
    t_unmapped = 0;
    t_in_pymem++;
    o->free(o->ctx, p);
    t_in_pymem--;
    t_pending = saved;
    size_t n = t_seen       ? t_seen_n
               : !g_shim    ? pn
               : t_unmapped ? 0
                            : pool_block_size(p, 0);
    if (n) {
        mw_hit(MW_PYMEM + dom, p, n, NULL, 0);
    }
}

static void *
pm_realloc(void *ctx, void *p, size_t n)
{
    PyMemAllocatorEx *o = ctx;
    int dom = (int)(o - g_orig);
    if (!p || !g_nwatch || t_busy || !g_on) {
        return o->realloc(o->ctx, p, n);
    }
    size_t old;
    void *r;
    if (dom == PYMEM_DOMAIN_RAW) {
        old = mw_pre(p, 0);
        r = o->realloc(o->ctx, p, n);
    }
    else {
        if (!near((uintptr_t)p, (uintptr_t)p + PYMALLOC_MAX) ||
            !any_overlap((uintptr_t)p, (uintptr_t)p + PYMALLOC_MAX)) {
            return o->realloc(o->ctx, p, n);
        }
        size_t pn = g_shim ? 0 : pool_block_size(p, 1);
        void *saved = t_pending;
        t_pending = p;
        t_seen = 0;
        t_unmapped = 0;
        t_in_pymem++;
        r = o->realloc(o->ctx, p, n);
        t_in_pymem--;
        t_pending = saved;
        old = t_seen       ? t_seen_n
              : !g_shim    ? pn
              : t_unmapped ? 0
                           : pool_block_size(p, 0);
    }
    if (old && r && (r != p || n < old)) {
        mw_hit(MW_PYMEM + 3 + dom, p, old, r, n);
    }
    return r;
}

static void
wrap_domain(PyMemAllocatorDomain d)
{
    PyMem_GetAllocator(d, &g_orig[d]);
    PyMemAllocatorEx w = {&g_orig[d], pm_malloc, pm_calloc, pm_realloc,
                          pm_free};
    PyMem_SetAllocator(d, &w);
    g_wrapped[d] = 1;
}

typedef void (*install_fn)(size_t (*)(void *, size_t),
                           void (*)(int, void *, size_t, void *, size_t));

void
mw_init(void)
{
    if (g_inited) {
        return;
    }
    g_inited = 1;
    g_pagesize = sysconf(_SC_PAGESIZE);
    const char *env = getenv("BUFSPEC_MEMWATCH");
    if (env && strcmp(env, "0") == 0) {
        g_disabled = 1;
        return;
    }
    install_fn inst =
        (install_fn)dlsym(RTLD_DEFAULT, "bufspec_memwatch_install");
    if (inst) {
        inst(mw_pre, mw_hit);
        g_shim = 1;
    }
    /* debug hooks (PYTHONMALLOC=*debug, -X dev) hand out offset pointers: the
     * PyMem wrappers would misjudge their blocks; only the shim watches then
     */
    const char *pm = getenv("PYTHONMALLOC");
    int debug = pm && strstr(pm, "debug");
    PyObject *flags = PySys_GetObject("flags"); /* borrowed */
    PyObject *dev = flags ? PyObject_GetAttrString(flags, "dev_mode") : NULL;
    if (dev) {
        debug |= PyObject_IsTrue(dev) == 1;
        Py_DECREF(dev);
    }
    if (PyErr_Occurred()) {
        PyErr_Clear();
    }
    if (!debug) {
        if (!g_shim) {
            wrap_domain(PYMEM_DOMAIN_RAW);
        }
        wrap_domain(PYMEM_DOMAIN_MEM);
        wrap_domain(PYMEM_DOMAIN_OBJ);
    }
    g_on = 1;
}

PyObject *
mw_info(PyObject *m, PyObject *unused)
{
    return Py_BuildValue(
        "{s:O,s:O,s:O,s:O,s:O,s:i,s:L,s:L,s:L,s:L,s:L,s:L}", "enabled",
        g_on ? Py_True : Py_False, "shim", g_shim ? Py_True : Py_False, "raw",
        g_wrapped[0] ? Py_True : Py_False, "mem",
        g_wrapped[1] ? Py_True : Py_False, "obj",
        g_wrapped[2] ? Py_True : Py_False, "watched", g_en, "slow_checks",
        g_slow, "events", g_events, "views_hit", g_hits, "most_watched",
        g_maxw, "entries_compared", g_scanned, "big_overflow_checks",
        g_bigover);
}

PyObject *
mw_ranges(PyObject *m, PyObject *unused)
{
    PyObject *out = PyList_New(0);
    if (!out) {
        return NULL;
    }
    pthread_mutex_lock(&g_mwlock);
    int n = g_en;
    Ent *copy = n ? malloc((size_t)n * sizeof(Ent)) : NULL;
    if (copy) {
        memcpy(copy, g_ents, (size_t)n * sizeof(Ent));
    }
    pthread_mutex_unlock(&g_mwlock);
    for (int i = 0; copy && i < n; i++) {
        for (int k = 0; k < NR; k++) {
            if (copy[i].r[k].lo >= copy[i].r[k].hi) {
                continue;
            }
            PyObject *t =
                Py_BuildValue("(nsnn)", (Py_ssize_t)(uintptr_t)copy[i].view,
                              RNAME[k], (Py_ssize_t)copy[i].r[k].lo,
                              (Py_ssize_t)(copy[i].r[k].hi - copy[i].r[k].lo));
            if (!t || PyList_Append(out, t) < 0) {
                Py_XDECREF(t);
                Py_DECREF(out);
                free(copy);
                return NULL;
            }
            Py_DECREF(t);
        }
    }
    free(copy);
    return out;
}

PyObject *
mw_enable(PyObject *m, PyObject *args)
{
    int on;
    if (!PyArg_ParseTuple(args, "p", &on)) {
        return NULL;
    }
    int was = g_on;
    if (!g_disabled) {
        g_on = on;
    }
    return PyBool_FromLong(was);
}

/* the thread's CPU time: on a shared machine, time spent descheduled is not
 * the loop's */
static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per malloc/free pair of 64 bytes through libc (the shim) or PyMem_Malloc
 * (the wrappers); with watched=1 a view-sized dummy range stays watched
 * meanwhile (the page table is non-empty, so every call takes the page lookup,
 * as while a program holds views) */
PyObject *
mw_bench(PyObject *m, PyObject *args)
{
    long n;
    const char *kind;
    int watched = 1;
    if (!PyArg_ParseTuple(args, "ls|p", &n, &kind, &watched)) {
        return NULL;
    }
    int libc = strcmp(kind, "libc") == 0;
    static char dummy[64];
    Py_buffer v;
    memset(&v, 0, sizeof v);
    v.buf = dummy;
    v.len = sizeof dummy;
    v.obj = m;
    v.itemsize = 1;
    v.ndim = 1;
    if (watched) {
        mw_watch(m, &v);
    }
    void *volatile sink;
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        if (libc) {
            void *q = malloc(64);
            sink = q;
            free(q);
        }
        else {
            void *q = PyMem_Malloc(64);
            sink = q;
            PyMem_Free(q);
        }
    }
    double t1 = now_ns();
    (void)sink;
    if (watched) {
        mw_unwatch(m, &v);
    }
    return PyFloat_FromDouble((t1 - t0) / (double)n);
}
#endif /* a build the tracer supports */

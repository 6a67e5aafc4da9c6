/*
 * bufspec tracer: records the buffer-protocol traffic of unmodified exporters
 * as NDJSON (format "bufspec-trace" version 1, docs/architecture.md).
 *
 * How: every type with tp_as_buffer->bf_getbuffer gets its bf_getbuffer /
 * bf_releasebuffer pointers swapped for hk_getbuffer / hk_releasebuffer
 * (PyObject_GetBuffer and PyBuffer_Release read the slots on every call).
 * Types without a bf_releasebuffer get the recording-only hk_releasebuffer (it
 * records and calls nothing). tp_dealloc of exporter types (and of the managed
 * buffer and BytesIO types) is swapped for hk_dealloc to advance object
 * incarnations (ADDR#N). Resizes and memoryview.release() are observed by
 * swapping ml_meth of the PyMethodDef entries (method descriptors read ml_meth
 * on every call).
 *
 * All hooks run with the GIL held. The writer is still guarded by a mutex;
 * each event is formatted straight into the output buffer and committed (pos
 * advanced) only once complete, so the SIGTERM handler can write out whole
 * lines only.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "_memwatch.h"

/* ------------------------------------------------------------------ versions
 */
/* The CPythons the tracer knows: 3.11 to 3.15, default (GIL) builds. Private
 * layouts below were read from each version's sources and are self-checked at
 * start (self_check); a version outside this range, or a free-threaded build,
 * gets a module whose import raises ImportError with the reason (never a
 * crash). ../shared/reference/cpython-versions.md has the per-version facts.
 */
#define BS_MIN_HEX 0x030B0000
#ifndef BS_MAX_MINOR /* overridable only to test the refusal */
#define BS_MAX_MINOR 15
#endif
#if defined(Py_GIL_DISABLED)
#define BS_REFUSE                                                             \
    "bufspec tracer: free-threaded CPython builds (Py_GIL_DISABLED) are not " \
    "supported: "                                                             \
    "its hooks and counters assume the GIL (src/tracer/README.md, "           \
    "\"Free-threaded builds\")"
#elif PY_VERSION_HEX < BS_MIN_HEX || PY_MINOR_VERSION > BS_MAX_MINOR
#define BS_REFUSE                                                             \
    "bufspec tracer: CPython " PY_VERSION                                     \
    " is not supported (known: 3.11 to 3.15): "                               \
    "its private layouts have not been checked for this version"
#endif
#ifdef BS_REFUSE
static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "_tracer",
                                    "bufspec tracer core (refused)", -1, NULL};
PyMODINIT_FUNC
PyInit__tracer(void)
{
    PyErr_SetString(PyExc_ImportError, BS_REFUSE);
    return NULL;
}
#else

/* 3.13+: PyBuffer_Release is inlined into most of its callers (LTO), so
 * patching its exported entry sees few releases; releases of exporters without
 * bf_releasebuffer are then unobservable and their acquires are not recorded
 * either (counted as unseen_acquires, see hk_getbuffer). 3.12 is treated the
 * same way: no 3.12 build could be checked here, and a missed release would be
 * a false verdict where a left-out acquire is only a gap. */
#define BS_RELEASE_INLINED (PY_VERSION_HEX >= 0x030C0000)

/* the type's dict (borrowed): static builtin types have tp_dict NULL
 * since 3.12 */
static PyObject *
type_dict(PyTypeObject *t)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *d =
        PyType_GetDict(t); /* new reference; the type keeps the dict alive */
    Py_XDECREF(d);
    return d;
#else
    return t->tp_dict;
#endif
}

static inline int
is_immortal(PyObject *o)
{
#if PY_VERSION_HEX >= 0x030C0000
    return _Py_IsImmortal(o);
#else
    (void)o;
    return 0;
#endif
}

/* found at start (not exported since 3.12): the managed buffer type, and the
 * type of a PEP 688 class's slot_bf_releasebuffer (Python __release_buffer__)
 */
static PyTypeObject *g_mbuf_type;
static getbufferproc g_slot_getbuffer;
static releasebufferproc g_slot_releasebuffer;
/* acquires not recorded because their release cannot be seen */
static long long g_unseen;

/* ------------------------------------------------------------------
 * private 3.11 layouts */
/* Modules/arraymodule.c */
typedef struct {
    PyObject_VAR_HEAD char *ob_item;
    Py_ssize_t allocated;
    const void *ob_descr;
    PyObject *weakreflist;
    Py_ssize_t ob_exports;
} bs_arrayobject;
/* Modules/mmapmodule.c (UNIX) */
typedef struct {
    PyObject_HEAD char *data;
    Py_ssize_t size;
    Py_ssize_t pos;
    off_t offset;
    Py_ssize_t exports;
} bs_mmapobject;
/* Modules/_io/bytesio.c */
typedef struct {
    PyObject_HEAD PyObject *buf;
    Py_ssize_t pos;
    Py_ssize_t string_size;
    PyObject *dict;
    PyObject *weakreflist;
    Py_ssize_t exports;
} bs_bytesio;
typedef struct {
    PyObject_HEAD bs_bytesio *source;
} bs_bytesiobuf;

/* ------------------------------------------------------------------ writer */
#define BUF_CAP (1u << 20)
#define EVENT_MAX 24576
#define STR_MAX 240

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static char *g_buf;
static volatile size_t g_pos;
static int g_fd = -1;
static volatile int g_active;
static long long g_seq;
static long long g_events;
static int g_atexit_registered;
static struct sigaction g_old_term;
static int g_term_installed;
#define TLS __thread __attribute__((tls_model("initial-exec")))
static TLS long t_tid;

static long
cur_tid(void)
{
    if (!t_tid) {
        t_tid = (long)syscall(SYS_gettid);
    }
    return t_tid;
}

static void
write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

/* Writer thread: full buffers are handed to it so write(2) runs off the traced
 * thread (and off the GIL). Two buffers: the one being filled (g_buf) and the
 * one in flight. */
static char *g_spare;
static char *volatile g_inflight;
static volatile int g_inflight_done;
static size_t g_inflight_len;
static int g_inflight_fd;
static pthread_mutex_t g_wlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wcond = PTHREAD_COND_INITIALIZER;
static pid_t g_writer_pid;

static void *
writer_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_wlock);
    for (;;) {
        while (!g_inflight) {
            pthread_cond_wait(&g_wcond, &g_wlock);
        }
        char *b = g_inflight;
        size_t n = g_inflight_len;
        int fd = g_inflight_fd;
        pthread_mutex_unlock(&g_wlock);
        write_all(fd, b, n);
        g_inflight_done = 1;
        pthread_mutex_lock(&g_wlock);
        g_spare = b;
        g_inflight = NULL;
        pthread_cond_broadcast(&g_wcond);
    }
    return NULL;
}

static int
writer_ready(void)
{
    if (g_writer_pid == getpid()) {
        return 1;
    }
    pthread_t th;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    /* block all signals in the writer so handlers keep running on the Python
     * threads */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&th, &at, writer_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&at);
    if (rc != 0) {
        return 0;
    }
    g_writer_pid = getpid();
    return 1;
}

/* Hands the filled buffer to the writer (with g_lock held); sync waits until
 * it is written. */
static void
flush_buffer(int sync)
{
    if (g_fd < 0 || !g_pos) {
        g_pos = 0;
        return;
    }
    if (!writer_ready()) {
        write_all(g_fd, g_buf, g_pos);
        g_pos = 0;
        return;
    }
    pthread_mutex_lock(&g_wlock);
    while (g_inflight) {
        pthread_cond_wait(&g_wcond, &g_wlock);
    }
    if (!g_spare) {
        g_spare = malloc(BUF_CAP);
    }
    if (!g_spare) {
        pthread_mutex_unlock(&g_wlock);
        write_all(g_fd, g_buf, g_pos);
        g_pos = 0;
        return;
    }
    g_inflight_len = g_pos;
    g_inflight_fd = g_fd;
    g_inflight_done = 0;
    g_inflight = g_buf;
    g_buf = g_spare;
    g_spare = NULL;
    g_pos = 0;
    pthread_cond_broadcast(&g_wcond);
    if (sync) {
        while (g_inflight) {
            pthread_cond_wait(&g_wcond, &g_wlock);
        }
    }
    pthread_mutex_unlock(&g_wlock);
}

static void
flush_locked(void)
{
    flush_buffer(1);
}

static inline char *
w_str(char *p, const char *s)
{
    while (*s) {
        *p++ = *s++;
    }
    return p;
}
#define W(lit) (memcpy(p, lit, sizeof(lit) - 1), p += sizeof(lit) - 1)

static const char DIG2[201] = "00010203040506070809101112131415161718192021222"
                              "324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626"
                              "364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";

static inline int
ndigits(unsigned long long u)
{
    int n = 1;
    for (;;) {
        if (u < 10) {
            return n;
        }
        if (u < 100) {
            return n + 1;
        }
        if (u < 1000) {
            return n + 2;
        }
        if (u < 10000) {
            return n + 3;
        }
        u /= 10000;
        n += 4;
    }
}

static char *
w_i64_slow(char *p, long long v)
{
    unsigned long long u;
    if (v < 0) {
        *p++ = '-';
        u = 0ULL - (unsigned long long)v;
    }
    else {
        u = (unsigned long long)v;
    }
    int n = ndigits(u);
    char *e = p + n;
    while (u >= 100) {
        unsigned i = (unsigned)(u % 100) * 2;
        u /= 100;
        *--e = DIG2[i + 1];
        *--e = DIG2[i];
    }
    if (u >= 10) {
        unsigned i = (unsigned)u * 2;
        *--e = DIG2[i + 1];
        *--e = DIG2[i];
    }
    else {
        *--e = (char)('0' + u);
    }
    return p + n;
}

static inline char *
w_i64(char *p, long long v)
{
    if ((unsigned long long)v < 10) {
        *p++ = (char)('0' + v);
        return p;
    }
    return w_i64_slow(p, v);
}

static char HEX2[512]; /* byte -> two lower-case hex digits */

static char *
w_hex(char *p, uintptr_t v)
{
    *p++ = '0';
    *p++ = 'x';
    int n =
        v ? (int)((64 - __builtin_clzll((unsigned long long)v) + 3) / 4) : 1;
    char *e = p + n;
    char *q = e;
    while (q - p >= 2) {
        memcpy(q - 2, HEX2 + 2 * (v & 0xff), 2);
        q -= 2;
        v >>= 8;
    }
    if (q > p) {
        *--q = HEX2[2 * (v & 0xf) + 1];
    }
    return e;
}

static char *
w_ptr(char *p, const void *v)
{
    if (!v) {
        W("null");
        return p;
    }
    *p++ = '"';
    p = w_hex(p, (uintptr_t)v);
    *p++ = '"';
    return p;
}

static char *
w_jstr(char *p, const char *s, Py_ssize_t max)
{
    static const char hx[] = "0123456789abcdef";
    if (!s) {
        W("null");
        return p;
    }
    *p++ = '"';
    for (Py_ssize_t i = 0; s[i] && i < max; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        }
        else if (c < 0x20) {
            *p++ = '\\';
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = hx[c >> 4];
            *p++ = hx[c & 15];
        }
        else if (c >= 0x80) {
            /* keep well-formed UTF-8 sequences, replace stray bytes */
            int len = (c >= 0xF0 && c < 0xF8) ? 4
                      : (c >= 0xE0)           ? 3
                      : (c >= 0xC0)           ? 2
                                              : 0;
            int ok = len > 0 && c < 0xF8;
            for (int k = 1; ok && k < len; k++) {
                ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                for (int k = 0; k < len; k++) {
                    *p++ = s[i + k];
                }
                i += len - 1;
            }
            else {
                W("\\ufffd");
            }
        }
        else {
            *p++ = (char)c;
        }
    }
    *p++ = '"';
    return p;
}

/* Begins an event: locks, makes room, writes
 * {"seq":..,"tid":..,"kind":"<kind>" */
static TLS char t_tidstr[32]; /* ,"tid":<id> for this thread */
static TLS int t_tidlen;

static char *
ev_begin(const char *kind)
{
    if (!t_tidlen) {
        char *q = t_tidstr;
        memcpy(q, ",\"tid\":", 7);
        q += 7;
        q = w_i64(q, cur_tid());
        t_tidlen = (int)(q - t_tidstr);
    }
    pthread_mutex_lock(&g_lock);
    if (BUF_CAP - g_pos < EVENT_MAX) {
        flush_buffer(0);
    }
    char *p = g_buf + g_pos;
    W("{\"seq\":");
    p = w_i64(p, ++g_seq);
    memcpy(p, t_tidstr, (size_t)t_tidlen);
    p += t_tidlen;
    W(",\"kind\":\"");
    p = w_str(p, kind);
    *p++ = '"';
    return p;
}

static void
ev_end(char *p)
{
    *p++ = '}';
    *p++ = '\n';
    g_pos = (size_t)(p - g_buf);
    g_events++;
    pthread_mutex_unlock(&g_lock);
}

static void
term_handler(int sig)
{
    /* let the writer finish the buffer in flight (bounded), then write whole
     * lines only: g_pos is advanced after a line is complete */
    for (int i = 0; i < 2000 && g_inflight && !g_inflight_done; i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    if (g_fd >= 0 && g_pos) {
        write_all(g_fd, g_buf, g_pos);
    }
    g_pos = 0;
    sigaction(SIGTERM, &g_old_term, NULL);
    raise(sig);
}

/* ------------------------------------------------------------------ tables */
/* An open-addressing hash table (linear probing, at most half full) of
 * fixed-size entries that begin with their key, key_words words; an entry
 * whose first key word is 0 is free (no key here starts with a NULL pointer).
 * Entries move when the table grows and when one is removed: a pointer to an
 * entry is good until the next table_insert or table_remove. */
typedef struct {
    char *entries;
    size_t capacity; /* a power of two; 0 before the first insertion */
    size_t used;
    size_t entry_size;
    size_t key_words;
    size_t first_capacity;
} Table;

#define TABLE_INIT(type, key_words, first_capacity)                           \
    {NULL, 0, 0, sizeof(type), (key_words), (first_capacity)}

static inline size_t
hptr(uintptr_t a)
{
    a ^= a >> 17;
    a *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(a >> 20);
}

static inline uintptr_t *
table_entry(const Table *t, size_t i)
{
    return (uintptr_t *)(t->entries + i * t->entry_size);
}

static inline size_t
table_hash(const Table *t, const uintptr_t *key)
{
    uintptr_t h = key[0];
    for (size_t k = 1; k < t->key_words; k++) {
        h ^= key[k] * (31u << (7 * k));
    }
    return hptr(h);
}

static inline int
table_key_is(const Table *t, const uintptr_t *entry, const uintptr_t *key)
{
    for (size_t k = 0; k < t->key_words; k++) {
        if (entry[k] != key[k]) {
            return 0;
        }
    }
    return 1;
}

/* The entry of key, or NULL. */
static void *
table_find(const Table *t, const uintptr_t *key)
{
    if (!t->capacity) {
        return NULL;
    }
    size_t m = t->capacity - 1, i = table_hash(t, key) & m;
    for (uintptr_t *e; (e = table_entry(t, i))[0]; i = (i + 1) & m) {
        if (table_key_is(t, e, key)) {
            return e;
        }
    }
    return NULL;
}

/* Doubles the table (or makes its first entries); 0 when out of memory. */
static int
table_grow(Table *t)
{
    size_t capacity = t->capacity ? t->capacity * 2 : t->first_capacity;
    char *entries = calloc(capacity, t->entry_size);
    if (!entries) {
        return 0;
    }
    Table grown = *t;
    grown.entries = entries;
    grown.capacity = capacity;
    for (size_t k = 0; k < t->capacity; k++) {
        uintptr_t *e = table_entry(t, k);
        if (e[0]) {
            size_t j = table_hash(&grown, e) & (capacity - 1);
            while (table_entry(&grown, j)[0]) {
                j = (j + 1) & (capacity - 1);
            }
            memcpy(table_entry(&grown, j), e, t->entry_size);
        }
    }
    free(t->entries);
    *t = grown;
    return 1;
}

/* The entry of key, made (zero past the key) if there is none; NULL when out
 * of memory. */
static void *
table_insert(Table *t, const uintptr_t *key)
{
    void *found = table_find(t, key);
    if (found) {
        return found;
    }
    if ((t->used + 1) * 2 > t->capacity && !table_grow(t)) {
        return NULL;
    }
    size_t m = t->capacity - 1, i = table_hash(t, key) & m;
    while (table_entry(t, i)[0]) {
        i = (i + 1) & m;
    }
    uintptr_t *e = table_entry(t, i);
    memcpy(e, key, t->key_words * sizeof(uintptr_t));
    t->used++;
    return e;
}

/* Removes an entry that table_find or table_insert gave (backward-shift
 * deletion: the entries after it in its run move up, no tombstones). */
static void
table_remove(Table *t, void *entry)
{
    size_t m = t->capacity - 1;
    size_t i = (size_t)((char *)entry - t->entries) / t->entry_size;
    size_t j = i;
    for (;;) {
        j = (j + 1) & m;
        uintptr_t *e = table_entry(t, j);
        if (!e[0]) {
            break;
        }
        size_t h = table_hash(t, e) & m;
        if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
            memcpy(table_entry(t, i), e, t->entry_size);
            i = j;
        }
    }
    memset(table_entry(t, i), 0, t->entry_size);
    t->used--;
}

/* Forgets every entry and frees the table's memory. */
static void
table_clear(Table *t)
{
    free(t->entries);
    t->entries = NULL;
    t->capacity = t->used = 0;
}

/* ------------------------------------------------------------------ object
 * incarnations */
/* addr -> incarnation and per-incarnation flags. Only objects that appeared in
 * the log ("mentioned") get a dealloc event and advance their incarnation. */
#define OF_MENTIONED 1u
#define OF_REGISTERED 2u /* memoryview: register emitted */
#define OF_HOLD 4u       /* holder: hold emitted */
typedef struct {
    uintptr_t addr;
    uint32_t incarnation;
    uint32_t flags;
} ObjEnt;
static Table g_objects = TABLE_INIT(ObjEnt, 1, 1 << 14);

/* The entry of the object at a, made (incarnation 0) if create; NULL if there
 * is none (or no memory). */
static ObjEnt *
obj_find(uintptr_t a, int create)
{
    return create ? table_insert(&g_objects, &a) : table_find(&g_objects, &a);
}

/* writes "0x..#N" and marks the object mentioned (call with the lock held) */
static char *
w_id(char *p, const void *o)
{
    if (!o) {
        W("null");
        return p;
    }
    ObjEnt *e = obj_find((uintptr_t)o, 1);
    *p++ = '"';
    p = w_hex(p, (uintptr_t)o);
    *p++ = '#';
    if (e) {
        e->flags |= OF_MENTIONED;
        p = w_i64(p, e->incarnation);
    }
    else {
        *p++ = '0';
    }
    *p++ = '"';
    return p;
}

/* What was observed around a getbuffer/releasebuffer call:
 * ,"rc":[before,after] and, when the type's export counter is readable,
 * ,"counter":ID,"exports":[before,after]. The exporter's id is already written
 * at idp (idn bytes); it is copied when the counter is on the exporter itself.
 */
static char *
w_observed(char *p, long long rc0, long long rc1, int has_c,
           PyObject *counter_owner, PyObject *obj, const char *idp, size_t idn,
           long long e0, long long e1)
{
    W(",\"rc\":[");
    p = w_i64(p, rc0);
    *p++ = ',';
    p = w_i64(p, rc1);
    *p++ = ']';
    /* 3.12+: an immortal's count does not move (and reads 3<<30 with flag bits
     * from 3.14) */
    if (is_immortal(obj)) {
        W(",\"immortal\":true");
    }
    if (has_c) {
        W(",\"counter\":");
        if (counter_owner == obj) {
            memmove(p, idp, idn);
            p += idn;
        }
        else {
            p = w_id(p, counter_owner);
        }
        W(",\"exports\":[");
        p = w_i64(p, e0);
        *p++ = ',';
        p = w_i64(p, e1);
        *p++ = ']';
    }
    return p;
}

/* Live views of exporters WITHOUT a bf_releasebuffer, keyed by (obj, buf,
 * len). CPython itself hand-makes views of such exporters (bytes.join's fast
 * path sets obj/buf/len and calls PyBuffer_Release, other fields
 * uninitialised), which is legitimate since the release is just a decref. The
 * recording-only releasebuffer therefore records a release only when it
 * matches a recorded acquire (the original struct or a copy); see
 * src/tracer/README.md. */
typedef struct {
    uintptr_t obj, buf, len; /* the key */
    Py_ssize_t count;        /* live views with this key */
} LiveEnt;
static Table g_live = TABLE_INIT(LiveEnt, 3, 1024);

static void
live_add(uintptr_t o, uintptr_t b, Py_ssize_t l)
{
    uintptr_t key[3] = {o, b, (uintptr_t)l};
    LiveEnt *e = table_insert(&g_live, key);
    if (e) {
        e->count++;
    }
}

/* returns 1 and removes one if present */
static int
live_take(uintptr_t o, uintptr_t b, Py_ssize_t l)
{
    uintptr_t key[3] = {o, b, (uintptr_t)l};
    LiveEnt *e = table_find(&g_live, key);
    if (!e) {
        return 0;
    }
    if (--e->count == 0) {
        table_remove(&g_live, e);
    }
    return 1;
}

/* ------------------------------------------------------------------ type
 * table */
enum {
    COUNTER_NONE,
    COUNTER_BYTEARRAY,
    COUNTER_ARRAY,
    COUNTER_MMAP,
    COUNTER_BYTESIOBUF,
    COUNTER_BYTESIO,
    COUNTER_MEMORYVIEW,
    COUNTER_MBUF,
    COUNTER_OFFSET
};
typedef struct {
    PyTypeObject *type;
    getbufferproc get;
    releasebufferproc rel;
    destructor dealloc;
    inquiry clear;
    int hooked_buf, hooked_dealloc, hooked_clear;
    int counter_kind;
    /* COUNTER_OFFSET: offset of a Py_ssize_t counter */
    Py_ssize_t counter_offset;
    char *type_json; /* cached ,"type":"<tp_name>" */
    size_t type_json_len;
} TypeInfo;

/* the types seen (hooked or not), by address: their info is never freed */
typedef struct {
    PyTypeObject *type; /* the key */
    TypeInfo *info;
} TypeEnt;
static Table g_types = TABLE_INIT(TypeEnt, 1, 1024);
static destructor g_subtype_dealloc;
/* layout self-check result per counter kind */
static int g_counter_layout_ok[16];

static TypeInfo *
type_find(PyTypeObject *t)
{
    uintptr_t key = (uintptr_t)t;
    TypeEnt *e = table_find(&g_types, &key);
    return e ? e->info : NULL;
}

static TypeInfo *
type_add(PyTypeObject *t)
{
    TypeInfo *ti = type_find(t);
    if (ti) {
        return ti;
    }
    ti = calloc(1, sizeof(TypeInfo));
    if (!ti) {
        return NULL;
    }
    ti->type = t;
    uintptr_t key = (uintptr_t)t;
    TypeEnt *e = table_insert(&g_types, &key);
    if (!e) {
        free(ti);
        return NULL;
    }
    e->info = ti;
    Py_INCREF(t); /* keep hooked types alive: the table points at them */
    return ti;
}

/* registered chains: an object of `type` holds a base export in the Py_buffer
 * at `off` */
typedef struct {
    PyTypeObject *type;
    Py_ssize_t off;
    int self_reexporter;
} Chain;
static Chain g_chains[32];
static int g_nchains;

static int hk_getbuffer(PyObject *, Py_buffer *, int);
static void hk_releasebuffer(PyObject *, Py_buffer *);
static int release_visible(PyObject *);
static void hk_dealloc(PyObject *);
static int hk_clear(PyObject *);

/* Info of the type whose slots the wrapper was reached through. Types created
 * after hooking copied our pointers (3.11) or took them from the slot wrappers
 * (3.12+): the nearest hooked ancestor's info is theirs too. It is not copied
 * into the table: the table keeps its types alive, and a class created at run
 * time (a local class whose methods close over a memoryview of its instance:
 * CPython's test_memoryview) must stay collectable. */
static TypeInfo *
buf_info(PyTypeObject *t)
{
    TypeInfo *ti = type_find(t);
    if (ti && ti->hooked_buf) {
        return ti;
    }
    PyObject *mro = t->tp_mro;
    TypeInfo *anc = NULL;
    if (mro && PyTuple_Check(mro)) {
        for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(mro) && !anc; i++) {
            TypeInfo *a = type_find((PyTypeObject *)PyTuple_GET_ITEM(mro, i));
            if (a && a->hooked_buf) {
                anc = a;
            }
        }
    }
    else {
        for (PyTypeObject *b = t->tp_base; b && !anc; b = b->tp_base) {
            TypeInfo *a = type_find(b);
            if (a && a->hooked_buf) {
                anc = a;
            }
        }
    }
    return anc;
}

/* Re-entry guard: a subtype's getbuffer calling its base's (hooked) slot for
 * the same view. */
typedef struct {
    PyObject *obj;
    Py_buffer *view;
    TypeInfo *ti;
    int redirected;
} ReentryGuard;
static TLS ReentryGuard t_get, t_rel, t_del;

static TypeInfo *
next_hooked_ancestor(TypeInfo *from, int dealloc)
{
    for (PyTypeObject *b = from->type->tp_base; b; b = b->tp_base) {
        TypeInfo *a = type_find(b);
        if (a && (dealloc ? a->hooked_dealloc : a->hooked_buf)) {
            return a;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ counters
 */
static int
read_counter(TypeInfo *ti, PyObject *o, PyObject **owner, long long *val)
{
    if (!ti || !o || !g_counter_layout_ok[ti->counter_kind]) {
        return 0;
    }
    switch (ti->counter_kind) {
    case COUNTER_BYTEARRAY:
        *owner = o;
        *val = ((PyByteArrayObject *)o)->ob_exports;
        return 1;
    case COUNTER_ARRAY:
        *owner = o;
        *val = ((bs_arrayobject *)o)->ob_exports;
        return 1;
    case COUNTER_MMAP:
        *owner = o;
        *val = ((bs_mmapobject *)o)->exports;
        return 1;
    case COUNTER_BYTESIO:
        *owner = o;
        *val = ((bs_bytesio *)o)->exports;
        return 1;
    case COUNTER_BYTESIOBUF: {
        bs_bytesio *src = ((bs_bytesiobuf *)o)->source;
        if (!src) {
            return 0;
        }
        *owner = (PyObject *)src;
        *val = src->exports;
        return 1;
    }
    case COUNTER_MEMORYVIEW:
        *owner = o;
        *val = ((PyMemoryViewObject *)o)->exports;
        return 1;
    case COUNTER_MBUF:
        *owner = o;
        *val = ((_PyManagedBufferObject *)o)->exports;
        return 1;
    case COUNTER_OFFSET:
        *owner = o;
        *val = *(Py_ssize_t *)((char *)o + ti->counter_offset);
        return 1;
    default:
        return 0;
    }
}

static char *
w_type(char *p, PyTypeObject *t)
{
    W(",\"type\":");
    return w_jstr(p, t->tp_name, STR_MAX);
}

/* the cached type fragment of ti when ti describes exactly t */
static char *
w_type_ti(char *p, TypeInfo *ti, PyTypeObject *t)
{
    if (ti->type != t) {
        return w_type(p, t);
    }
    if (!ti->type_json) {
        char tmp[STR_MAX * 6 + 32];
        char *e = w_type(tmp, t);
        ti->type_json = malloc((size_t)(e - tmp));
        if (!ti->type_json) {
            return w_type(p, t);
        }
        memcpy(ti->type_json, tmp, (size_t)(e - tmp));
        ti->type_json_len = (size_t)(e - tmp);
    }
    memcpy(p, ti->type_json, ti->type_json_len);
    return p + ti->type_json_len;
}

static char *
w_ssize_arr(char *p, const Py_ssize_t *a, int ndim)
{
    if (!a || ndim < 0 || ndim > 64) {
        W("null");
        return p;
    }
    *p++ = '[';
    for (int i = 0; i < ndim; i++) {
        if (i) {
            *p++ = ',';
        }
        p = w_i64(p, a[i]);
    }
    *p++ = ']';
    return p;
}

static char *
w_fields(char *p, const Py_buffer *v)
{
    W(",\"buf\":");
    p = w_ptr(p, v->buf);
    W(",\"len\":");
    p = w_i64(p, v->len);
    W(",\"readonly\":");
    p = v->readonly ? (W("true"), p) : (W("false"), p);
    W(",\"itemsize\":");
    p = w_i64(p, v->itemsize);
    W(",\"ndim\":");
    p = w_i64(p, v->ndim);
    W(",\"format\":");
    p = w_jstr(p, v->format, STR_MAX);
    W(",\"shape\":");
    p = w_ssize_arr(p, v->shape, v->ndim);
    W(",\"strides\":");
    p = w_ssize_arr(p, v->strides, v->ndim);
    W(",\"suboffsets\":");
    p = w_ssize_arr(p, v->suboffsets, v->ndim);
    W(",\"internal\":");
    p = w_ptr(p, v->internal);
    /* extension: where shape/strides/suboffsets point (omitted when NULL) */
    if (v->shape) {
        W(",\"shape_ptr\":");
        p = w_ptr(p, v->shape);
    }
    if (v->strides) {
        W(",\"strides_ptr\":");
        p = w_ptr(p, v->strides);
    }
    if (v->suboffsets) {
        W(",\"suboffsets_ptr\":");
        p = w_ptr(p, v->suboffsets);
    }
    return p;
}

/* The pending exception as "Type: message", without clearing it. Call WITHOUT
 * the lock. */
static void
error_text(char *out, size_t cap)
{
    out[0] = 0;
    if (!PyErr_Occurred()) {
        return;
    }
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    const char *name =
        t && PyType_Check(t) ? ((PyTypeObject *)t)->tp_name : "?";
    const char *dot = strrchr(name, '.');
    if (dot && strncmp(name, "builtins.", 9) == 0) {
        name = dot + 1;
    }
    const char *msg = "";
    PyObject *s = NULL;
    if (v && PyUnicode_Check(v)) {
        s = (Py_INCREF(v), v);
    }
    else if (v) {
        s = PyObject_Str(v);
    }
    if (s) {
        msg = PyUnicode_AsUTF8(s);
        if (!msg) {
            PyErr_Clear();
            msg = "";
        }
    }
    else {
        PyErr_Clear();
    }
    snprintf(out, cap, "%s: %s", name, msg); /* error path only */
    Py_XDECREF(s);
    PyErr_Restore(t, v, tb);
}

/* Container of `view` if it is a registered chain holder's held Py_buffer.
 * Safe reads: a holder allocated by pymalloc never straddles a page, so the
 * type word is only read when it lies in the same page as the view. */
static PyObject *
chain_holder(Py_buffer *view, int *self_reexp)
{
    for (int i = 0; i < g_nchains; i++) {
        uintptr_t v = (uintptr_t)view, o = v - (uintptr_t)g_chains[i].off;
        if (o > v || (o & ~(uintptr_t)4095) != (v & ~(uintptr_t)4095)) {
            continue;
        }
        if (Py_TYPE((PyObject *)o) == g_chains[i].type) {
            *self_reexp = g_chains[i].self_reexporter;
            return (PyObject *)o;
        }
    }
    return NULL;
}

static void
emit_hold(PyObject *holder, Py_buffer *view, PyObject *base, int self_reexp)
{
    char *p = ev_begin("chain");
    W(",\"op\":\"hold\",\"holder\":");
    p = w_id(p, holder);
    W(",\"holder_type\":");
    p = w_jstr(p, Py_TYPE(holder)->tp_name, STR_MAX);
    W(",\"view\":");
    p = w_ptr(p, view);
    W(",\"base\":");
    p = w_id(p, base);
    ObjEnt *e = obj_find((uintptr_t)holder, 1);
    if (e) {
        e->flags |= OF_HOLD;
    }
    ev_end(p);
    if (self_reexp) {
        p = ev_begin("chain");
        W(",\"op\":\"register\",\"holder\":");
        p = w_id(p, holder);
        W(",\"reexporter\":");
        p = w_id(p, holder);
        if (e) {
            e->flags |= OF_REGISTERED;
        }
        ev_end(p);
    }
}

/* memoryview: emit hold (if missed) and register, once per incarnation */
static void
mv_ensure_registered(PyMemoryViewObject *mv)
{
    _PyManagedBufferObject *mb = mv->mbuf;
    if (!mb || (mv->flags & _Py_MEMORYVIEW_RELEASED)) {
        return;
    }
    pthread_mutex_lock(&g_lock);
    /* both made before either is read: an insertion may move the entries */
    obj_find((uintptr_t)mv, 1);
    obj_find((uintptr_t)mb, 1);
    ObjEnt *me = obj_find((uintptr_t)mv, 0);
    ObjEnt *be = obj_find((uintptr_t)mb, 0);
    int need_reg = me && !(me->flags & OF_REGISTERED);
    int need_hold =
        need_reg && be && !(be->flags & OF_HOLD) && mb->master.obj != NULL &&
        !(mb->flags &
          _Py_MANAGED_BUFFER_RELEASED) && /* FromBuffer: no export held */
        release_visible(mb->master.obj);  /* else its drop would not be seen */
    pthread_mutex_unlock(&g_lock);
    if (need_hold) {
        emit_hold((PyObject *)mb, &mb->master, mb->master.obj, 0);
    }
    if (need_reg) {
        char *p = ev_begin("chain");
        W(",\"op\":\"register\",\"holder\":");
        p = w_id(p, mb);
        W(",\"reexporter\":");
        p = w_id(p, mv);
        me = obj_find((uintptr_t)mv, 1);
        if (me) {
            me->flags |= OF_REGISTERED;
        }
        ev_end(p);
    }
}

/* memoryview about to be released (exports 0, not yet released): unregister if
 * registered */
static void
mv_unregister(PyMemoryViewObject *mv)
{
    if (!mv->mbuf || (mv->flags & _Py_MEMORYVIEW_RELEASED) ||
        mv->exports != 0) {
        return;
    }
    ObjEnt *me = obj_find((uintptr_t)mv, 0);
    if (!me || !(me->flags & OF_REGISTERED)) {
        return;
    }
    char *p = ev_begin("chain");
    W(",\"op\":\"unregister\",\"holder\":");
    p = w_id(p, mv->mbuf);
    W(",\"reexporter\":");
    p = w_id(p, mv);
    me = obj_find((uintptr_t)mv, 0);
    if (me) {
        me->flags &= ~OF_REGISTERED;
    }
    ev_end(p);
}

/* ------------------------------------------------------------------ buffer
 * hooks */
static int g_release_patched;

/* Whether the release of a view whose view->obj is o will be recorded: o's
 * type has the recording hook in bf_releasebuffer; or a Python
 * __release_buffer__ (slot_bf_releasebuffer) over a base whose slot is hooked
 * (releasebuffer_maybe_call_super reaches it); or no bf_releasebuffer but
 * every PyBuffer_Release reaches the patched entry (before 3.13). */
static int
release_visible(PyObject *o)
{
    if (!o) {
        return 1;
    }
    PyTypeObject *t = Py_TYPE(o);
    releasebufferproc rel =
        t->tp_as_buffer ? t->tp_as_buffer->bf_releasebuffer : NULL;
    if (rel == hk_releasebuffer) {
        return 1;
    }
    if (rel == NULL) {
        return !BS_RELEASE_INLINED && g_release_patched;
    }
    if (rel == g_slot_releasebuffer && t->tp_mro && PyTuple_Check(t->tp_mro)) {
        for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(t->tp_mro); i++) {
            PyTypeObject *b = (PyTypeObject *)PyTuple_GET_ITEM(t->tp_mro, i);
            releasebufferproc br =
                b->tp_as_buffer ? b->tp_as_buffer->bf_releasebuffer : NULL;
            if (br == g_slot_releasebuffer) {
                continue;
            }
            return br == hk_releasebuffer;
        }
    }
    return 0;
}

static int
hk_getbuffer(PyObject *obj, Py_buffer *view, int flags)
{
    PyTypeObject *tp = Py_TYPE(obj);
    TypeInfo *ti;
    if (t_get.obj == obj && t_get.view == view && t_get.ti) {
        /* re-entered through a base type's hooked slot: call the next
         * original, unrecorded */
        TypeInfo *a = next_hooked_ancestor(t_get.ti, 0);
        if (!a || !a->get) {
            PyErr_SetString(PyExc_BufferError,
                            "bufspec tracer: no original getbuffer");
            return -1;
        }
        ReentryGuard saved = t_get;
        t_get.ti = a;
        int r = a->get(obj, view, flags);
        t_get = saved;
        return r;
    }
    ti = buf_info(tp);
    if (!ti || !ti->get) {
        PyErr_Format(PyExc_BufferError,
                     "bufspec tracer: no original getbuffer for %s",
                     tp->tp_name);
        return -1;
    }
    if (!g_active ||
        view == NULL) { /* pass through (NULL view: the obsolete probe) */
        ReentryGuard saved = t_get;
        t_get.obj = obj;
        t_get.view = view;
        t_get.ti = ti;
        t_get.redirected = 0;
        int r = ti->get(obj, view, flags);
        t_get = saved;
        return r;
    }

    if (ti->counter_kind == COUNTER_MEMORYVIEW) {
        mv_ensure_registered((PyMemoryViewObject *)obj);
    }
    /* a redirect (PEP 3118): an outer getbuffer forwarded the same struct to
     * this exporter */
    PyObject *via = (t_get.view == view && t_get.obj && t_get.obj != obj)
                        ? t_get.obj
                        : NULL;
    if (via) {
        t_get.redirected = 1;
    }
    PyObject *obj_before = view->obj;
    Py_ssize_t rc0 = Py_REFCNT(obj);
    PyObject *counter_owner = NULL;
    long long e0 = 0, e1 = 0;
    int has_c = read_counter(ti, obj, &counter_owner, &e0);

    ReentryGuard saved = t_get;
    t_get.obj = obj;
    t_get.view = view;
    t_get.ti = ti;
    t_get.redirected = 0;
    int r = ti->get(obj, view, flags);
    int redirected = t_get.redirected;
    t_get = saved;
    if (redirected && r == 0 && view->obj != obj) {
        /* logged by the inner acquire (with "via"): this exporter took no
         * export itself */
        return r;
    }

    if (r == 0 && !release_visible(view->obj)) {
        /* its release will not be seen (3.13+: exporters without
         * bf_releasebuffer are released by inlined copies of
         * PyBuffer_Release): an acquire without its release would read as a
         * view never released, so neither is recorded; the footer counts them
         */
        pthread_mutex_lock(&g_lock);
        g_unseen++;
        pthread_mutex_unlock(&g_lock);
        return r;
    }
    Py_ssize_t rc1 = Py_REFCNT(obj);
    PyObject *counter_owner_after = NULL;
    if (has_c) {
        has_c = read_counter(ti, obj, &counter_owner_after, &e1) &&
                counter_owner_after == counter_owner;
    }
    char err[600];
    err[0] = 0;
    if (r != 0) {
        error_text(err, sizeof err);
    }

    char *p = ev_begin("acquire");
    W(",\"exporter\":");
    char *idp = p;
    p = w_id(p, obj);
    size_t idn =
        (size_t)(p - idp); /* the exporter's id, reused for obj / counter */
    p = w_type_ti(p, ti, tp);
    W(",\"view\":");
    p = w_ptr(p, view);
    W(",\"flags\":");
    p = w_i64(p, flags);
    if (via) {
        W(",\"via\":");
        p = w_id(p, via);
    }
    if (r == 0) {
        W(",\"ok\":true,\"error\":null");
    }
    else {
        W(",\"ok\":false,\"error\":");
        p = err[0] ? w_jstr(p, err, 512) : (W("null"), p);
    }
    W(",\"obj_before\":");
    p = w_ptr(p, obj_before);
    W(",\"obj\":");
    if (r == 0) {
        if (view->obj == obj) {
            memmove(p, idp, idn);
            p += idn;
        }
        else {
            p = view->obj ? w_id(p, view->obj) : (W("null"), p);
        }
        p = w_fields(p, view);
    }
    else {
        p = w_ptr(p, view->obj);
    }
    p = w_observed(p, rc0, rc1, has_c, counter_owner, obj, idp, idn, e0, e1);
    ev_end(p);

    if (r == 0) {
        mw_watch(view->obj, view);
    }
    if (r == 0 && !ti->rel && view->obj) {
        pthread_mutex_lock(&g_lock);
        live_add((uintptr_t)view->obj, (uintptr_t)view->buf, view->len);
        pthread_mutex_unlock(&g_lock);
    }
    if (r == 0 && g_nchains) {
        int self_re = 0;
        PyObject *holder = chain_holder(view, &self_re);
        if (holder) {
            emit_hold(holder, view, view->obj, self_re);
        }
    }
    return r;
}

static void on_release(PyObject *obj, Py_buffer *view, TypeInfo *ti);

static void
hk_releasebuffer(PyObject *obj, Py_buffer *view)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (t_rel.obj == obj && t_rel.view == view && t_rel.ti) {
        TypeInfo *a = next_hooked_ancestor(t_rel.ti, 0);
        if (a && a->rel) {
            ReentryGuard saved = t_rel;
            t_rel.ti = a;
            a->rel(obj, view);
            t_rel = saved;
        }
        return;
    }
    TypeInfo *ti = buf_info(tp);
    if (!ti) {
        return;
    }
    if (!g_active || view == NULL) {
        if (ti->rel) {
            ReentryGuard saved = t_rel;
            t_rel.obj = obj;
            t_rel.view = view;
            t_rel.ti = ti;
            ti->rel(obj, view);
            t_rel = saved;
        }
        return;
    }
    on_release(obj, view, ti);
}

/* Records a release around the exporter's original bf_releasebuffer (if it has
 * one). */
static void
on_release(PyObject *obj, Py_buffer *view, TypeInfo *ti)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (!ti->rel) {
        pthread_mutex_lock(&g_lock);
        int known = live_take((uintptr_t)obj, (uintptr_t)view->buf, view->len);
        pthread_mutex_unlock(&g_lock);
        if (!known) {
            return; /* a hand-made view (bytes.join) or one acquired before
                       tracing */
        }
    }
    mw_unwatch(obj,
               view); /* before the exporter frees what this view points at */

    if (g_nchains) {
        int self_re = 0;
        PyObject *holder = chain_holder(view, &self_re);
        if (holder) {
            char *p = ev_begin("chain");
            W(",\"op\":\"drop\",\"holder\":");
            p = w_id(p, holder);
            W(",\"view\":");
            p = w_ptr(p, view);
            W(",\"base\":");
            p = w_id(p, obj);
            ev_end(p);
        }
    }
    Py_ssize_t rc0 = Py_REFCNT(obj);
    PyObject *counter_owner = NULL;
    long long e0 = 0, e1 = 0;
    int has_c = read_counter(ti, obj, &counter_owner, &e0);
    /* the struct's fields as passed, formatted before the exporter may free
     * what they point at (shape/strides of per-view allocations); exporter ids
     * are written after the call */
    /* bounded size: small on the stack (threads may have small stacks), else
     * on the heap */
    size_t need =
        1024 + 6 * strnlen(tp->tp_name, STR_MAX) +
        6 * (view->format ? strnlen(view->format, STR_MAX) : 0) +
        (view->ndim > 0 && view->ndim <= 64 ? 3 * 22 * (size_t)view->ndim : 0);
    char small[2048];
    char *local = need <= sizeof small ? small : malloc(need);
    if (!local) {
        if (ti->rel) {
            ti->rel(obj, view);
        }
        return;
    }
    char *q = local;
    {
        char *p = q;
        p = w_type_ti(p, ti, tp);
        W(",\"view\":");
        p = w_ptr(p, view);
        p = w_fields(p, view);
        W(",\"has_releasebuffer\":");
        p = ti->rel ? (W("true"), p) : (W("false"), p);
        q = p;
    }

    if (ti->rel) {
        ReentryGuard saved = t_rel;
        t_rel.obj = obj;
        t_rel.view = view;
        t_rel.ti = ti;
        ti->rel(obj, view);
        t_rel = saved;
    }
    Py_ssize_t rc1 = Py_REFCNT(
        obj); /* obj is still referenced by view->obj (PyBuffer_Release) */
    PyObject *counter_owner_after = NULL;
    if (has_c) {
        has_c = read_counter(ti, obj, &counter_owner_after, &e1) &&
                counter_owner_after == counter_owner;
    }

    char *p = ev_begin("release");
    W(",\"exporter\":");
    char *idp = p;
    p = w_id(p, obj);
    size_t idn = (size_t)(p - idp);
    memcpy(p, local, (size_t)(q - local));
    p += q - local;
    p = w_observed(p, rc0, rc1, has_c, counter_owner, obj, idp, idn, e0, e1);
    ev_end(p);
    if (local != small) {
        free(local);
    }
}

/* ------------------------------------------------------------------
 * PyBuffer_Release */
/* (3.11, 3.12; from 3.13 the exported entry is bypassed by inlined copies and
 * is not patched) */
/* Installing a bf_releasebuffer on types that have none is observable:
 * getargs' "y#"/"s#" formats reject exporters with a releasebuffer ("read-only
 * bytes-like object"). So releases of such exporters (bytes, NumPy's ndarray,
 * ...) are recorded by replacing PyBuffer_Release itself: its first bytes
 * become a jump to bs_PyBuffer_Release, which does exactly what 3.11's
 * PyBuffer_Release does (Objects/abstract.c) plus the recording. Every caller,
 * in libpython and in extensions, reaches the one exported function. If the
 * code cannot be patched (W^X policy, other CPU), those types get a
 * recording-only bf_releasebuffer instead (not transparent for "y#";
 * documented). */
static void
bs_PyBuffer_Release(Py_buffer *view)
{
    PyObject *obj = view->obj;
    if (!obj) {
        return;
    }
    PyBufferProcs *pb = Py_TYPE(obj)->tp_as_buffer;
    if (pb && pb->bf_releasebuffer) {
        pb->bf_releasebuffer(obj, view);
    }
    else if (g_active && pb && pb->bf_getbuffer == hk_getbuffer) {
        TypeInfo *ti = buf_info(Py_TYPE(obj));
        if (ti && !ti->rel) {
            on_release(obj, view, ti);
        }
    }
    view->obj = NULL;
    Py_DECREF(obj);
}

static int
patch_release(void)
{
#if defined(__x86_64__) || defined(__aarch64__)
    unsigned char code[16];
    size_t n;
    uintptr_t target = (uintptr_t)&bs_PyBuffer_Release;
#if defined(__x86_64__)
    code[0] = 0x48;
    code[1] = 0xB8;
    memcpy(code + 2, &target, 8); /* movabs $target, %rax */
    code[10] = 0xFF;
    code[11] = 0xE0; /* jmp *%rax */
    n = 12;
#else
    uint32_t ins[2] = {0x58000050u, 0xD61F0200u}; /* ldr x16, #8; br x16 */
    memcpy(code, ins, 8);
    memcpy(code + 8, &target, 8);
    n = 16;
#endif
    unsigned char *fn = (unsigned char *)(void *)&PyBuffer_Release;
    long pg = sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)fn & ~(uintptr_t)(pg - 1);
    size_t len =
        ((uintptr_t)fn + n - start + (size_t)pg - 1) & ~(size_t)(pg - 1);
    if (mprotect((void *)start, len, PROT_READ | PROT_WRITE | PROT_EXEC) !=
        0) {
        return 0;
    }
    memcpy(fn, code, n);
    mprotect((void *)start, len, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)fn, (char *)fn + n);
    return 1;
#else
    return 0;
#endif
}

/* ------------------------------------------------------------------ dealloc /
 * clear hooks */
static TypeInfo *
dealloc_info(PyObject *o, int *nested)
{
    if (t_del.obj == o && t_del.ti) {
        *nested = 1;
        return next_hooked_ancestor(t_del.ti, 1);
    }
    *nested = 0;
    for (PyTypeObject *t = Py_TYPE(o); t; t = t->tp_base) {
        if (t->tp_dealloc != hk_dealloc) {
            continue;
        }
        TypeInfo *ti = type_find(t);
        if (ti && ti->hooked_dealloc) {
            return ti;
        }
    }
    return NULL;
}

/* Deallocations nested in another hooked dealloc (a _BytesIOBuffer's dealloc
 * dropping the last reference to its BytesIO, a managed buffer's dropping its
 * base) complete first, but the holder died first: their events wait until the
 * outermost hooked dealloc of the thread has written its own, then follow in
 * reverse order of completion (holders before what they held). The incarnation
 * advances at once (the address may be reused in the meantime). */
typedef struct {
    uintptr_t addr;
    uint32_t incarnation;
    int has_c;
    long long ex;
    char tname[STR_MAX + 1];
} Deferred;
static TLS Deferred *t_defer;
static TLS int t_ndefer, t_capdefer, t_deldepth;

static void
emit_dealloc(const Deferred *d)
{
    char *p = ev_begin("dealloc");
    W(",\"object\":\"");
    p = w_hex(p, d->addr);
    *p++ = '#';
    p = w_i64(p, d->incarnation);
    *p++ = '"';
    W(",\"type\":");
    p = w_jstr(p, d->tname, STR_MAX);
    if (d->has_c) {
        W(",\"exports\":");
        p = w_i64(p, d->ex);
    }
    ev_end(p);
}

static void
flush_deferred(void)
{
    while (t_ndefer > 0) {
        t_ndefer--;
        emit_dealloc(&t_defer[t_ndefer]);
    }
}

static void
hk_dealloc(PyObject *o)
{
    int nested;
    TypeInfo *ti = dealloc_info(o, &nested);
    if (!ti || !ti->dealloc) {
        Py_FatalError("bufspec tracer: no original tp_dealloc");
    }
    if (nested || !g_active) {
        ReentryGuard saved = t_del;
        t_del.obj = o;
        t_del.ti = ti;
        ti->dealloc(o);
        t_del = saved;
        return;
    }
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyMemoryView_Type) {
        mv_unregister((PyMemoryViewObject *)o);
    }
    ObjEnt *e = obj_find((uintptr_t)o, 0);
    int mentioned = e && (e->flags & OF_MENTIONED);
    char tname[STR_MAX + 1];
    PyObject *counter_owner = NULL;
    long long ex = 0;
    int has_c = 0;
    if (mentioned) {
        strncpy(tname, tp->tp_name, STR_MAX);
        tname[STR_MAX] = 0;
        TypeInfo *bi = type_find(tp);
        if (!bi || !bi->hooked_buf) {
            bi = ti;
        }
        has_c = read_counter(bi, o, &counter_owner, &ex) && counter_owner == o;
    }
    ReentryGuard saved = t_del;
    t_del.obj = o;
    t_del.ti = ti;
    t_deldepth++;
    ti->dealloc(o);
    t_deldepth--;
    t_del = saved;
    if (!mentioned) {
        if (t_deldepth == 0) {
            flush_deferred();
        }
        return;
    }
    /* written after the original dealloc so releases it performs come first */
    Deferred d;
    d.addr = (uintptr_t)o;
    d.has_c = has_c;
    d.ex = ex;
    memcpy(d.tname, tname, sizeof d.tname);
    pthread_mutex_lock(&g_lock);
    e = obj_find((uintptr_t)o, 0);
    d.incarnation = e ? e->incarnation : 0;
    if (e) {
        e->incarnation++;
        e->flags = 0;
    }
    pthread_mutex_unlock(&g_lock);
    if (t_deldepth > 0) {
        if (t_ndefer == t_capdefer) {
            int nc = t_capdefer ? t_capdefer * 2 : 16;
            Deferred *n = realloc(t_defer, (size_t)nc * sizeof(Deferred));
            if (n) {
                t_defer = n;
                t_capdefer = nc;
            }
        }
        if (t_ndefer < t_capdefer) {
            t_defer[t_ndefer++] = d;
            return;
        }
    }
    emit_dealloc(&d);
    if (t_deldepth == 0) {
        flush_deferred();
    }
}

static int
hk_clear(PyObject *o)
{
    TypeInfo *ti = type_find(Py_TYPE(o));
    if (!ti || !ti->clear) {
        return 0;
    }
    if (g_active && Py_TYPE(o) == &PyMemoryView_Type) {
        mv_unregister((PyMemoryViewObject *)o);
    }
    return ti->clear(o);
}

/* ------------------------------------------------------------------ method
 * hooks (resize, release) */
enum {
    MH_RESIZE,
    MH_MV_RELEASE
};
typedef struct {
    PyMethodDef *def;
    void *orig;
    int role;
    const char *op;
    PyTypeObject *type;
    int counter_kind; /* how to read the counter of self */
    Py_ssize_t counter_offset;
    /* -1: builtin rule for the type; else offset of a char* */
    Py_ssize_t buf_off;
} MethHook;
#define MH_MAX 48
static MethHook g_mh[MH_MAX];
static int g_nmh;

static int counter_kind_of_type(PyTypeObject *t);

static void *
buf_of(MethHook *h, PyObject *self)
{
    if (h->buf_off >= 0) {
        return *(void **)((char *)self + h->buf_off);
    }
    switch (h->counter_kind) {
    case COUNTER_BYTEARRAY:
        return ((PyByteArrayObject *)self)->ob_start;
    case COUNTER_ARRAY:
        return ((bs_arrayobject *)self)->ob_item;
    case COUNTER_MMAP:
        return ((bs_mmapobject *)self)->data;
    case COUNTER_BYTESIO: {
        PyObject *b = ((bs_bytesio *)self)->buf;
        return b ? PyBytes_AS_STRING(b) : NULL;
    }
    default:
        return NULL;
    }
}

typedef struct {
    int active;
    int tracked;
    void *buf0;
    long long ex;
    int has_ex;
    PyObject *self;
} MhState;

static void
mh_pre(MethHook *h, PyObject *self, MhState *st)
{
    st->active = g_active;
    st->self = self;
    st->tracked = 0;
    if (!st->active) {
        return;
    }
    if (h->role == MH_MV_RELEASE) {
        PyMemoryViewObject *mv = (PyMemoryViewObject *)self;
        if (!PyMemoryView_Check(self) ||
            (mv->flags & _Py_MEMORYVIEW_RELEASED)) {
            st->active = 0;
            return;
        }
        if (mv->exports > 0) {
            mv_ensure_registered(mv);
            st->tracked = 1;
        }
        else {
            mv_unregister(mv);
        }
        return;
    }
    if (!PyObject_TypeCheck(self, h->type)) {
        st->active = 0;
        return;
    }
    ObjEnt *e = obj_find((uintptr_t)self, 0);
    st->tracked = e && (e->flags & OF_MENTIONED);
    if (!st->tracked) {
        return;
    }
    TypeInfo tmp = {0};
    tmp.counter_kind = h->counter_kind;
    tmp.counter_offset = h->counter_offset;
    PyObject *own;
    st->has_ex = read_counter(&tmp, self, &own, &st->ex);
    st->buf0 = buf_of(h, self);
}

static void
mh_post(MethHook *h, PyObject *res, MhState *st)
{
    if (!st->active || !st->tracked) {
        return;
    }
    char err[600];
    err[0] = 0;
    if (!res) {
        error_text(err, sizeof err);
    }
    if (h->role == MH_MV_RELEASE) {
        if (res || !PyErr_ExceptionMatches(PyExc_BufferError)) {
            return;
        }
        char *p = ev_begin("chain");
        W(",\"op\":\"refuse\",\"reexporter\":");
        p = w_id(p, st->self);
        W(",\"error\":");
        p = w_jstr(p, err, 512);
        ev_end(p);
        return;
    }
    void *buf1 = buf_of(h, st->self);
    char *p = ev_begin("resize");
    W(",\"exporter\":");
    p = w_id(p, st->self);
    p = w_type(p, Py_TYPE(st->self));
    W(",\"op\":");
    p = w_jstr(p, h->op, STR_MAX);
    if (res) {
        W(",\"ok\":true,\"error\":null");
    }
    else {
        W(",\"ok\":false,\"error\":");
        p = err[0] ? w_jstr(p, err, 512) : (W("null"), p);
    }
    if (st->has_ex) {
        W(",\"exports\":");
        p = w_i64(p, st->ex);
    }
    W(",\"buf\":[");
    p = w_ptr(p, st->buf0);
    *p++ = ',';
    p = w_ptr(p, buf1);
    *p++ = ']';
    ev_end(p);
}

#define METHOD_HOOK_WRAPPERS(N)                                               \
    static PyObject *mh_cf_##N(PyObject *s, PyObject *a)                      \
    {                                                                         \
        MhState st;                                                           \
        mh_pre(&g_mh[N], s, &st);                                             \
        PyObject *r = ((PyCFunction)g_mh[N].orig)(s, a);                      \
        mh_post(&g_mh[N], r, &st);                                            \
        return r;                                                             \
    }                                                                         \
    static PyObject *mh_kw_##N(PyObject *s, PyObject *a, PyObject *k)         \
    {                                                                         \
        MhState st;                                                           \
        mh_pre(&g_mh[N], s, &st);                                             \
        PyObject *r = ((PyCFunctionWithKeywords)g_mh[N].orig)(s, a, k);       \
        mh_post(&g_mh[N], r, &st);                                            \
        return r;                                                             \
    }                                                                         \
    static PyObject *mh_fc_##N(PyObject *s, PyObject *const *a, Py_ssize_t n) \
    {                                                                         \
        MhState st;                                                           \
        mh_pre(&g_mh[N], s, &st);                                             \
        PyObject *r = ((_PyCFunctionFast)g_mh[N].orig)(s, a, n);              \
        mh_post(&g_mh[N], r, &st);                                            \
        return r;                                                             \
    }                                                                         \
    static PyObject *mh_fk_##N(PyObject *s, PyObject *const *a, Py_ssize_t n, \
                               PyObject *k)                                   \
    {                                                                         \
        MhState st;                                                           \
        mh_pre(&g_mh[N], s, &st);                                             \
        PyObject *r =                                                         \
            ((_PyCFunctionFastWithKeywords)g_mh[N].orig)(s, a, n, k);         \
        mh_post(&g_mh[N], r, &st);                                            \
        return r;                                                             \
    }                                                                         \
    static PyObject *mh_me_##N(PyObject *s, PyTypeObject *c,                  \
                               PyObject *const *a, size_t n, PyObject *k)     \
    {                                                                         \
        MhState st;                                                           \
        mh_pre(&g_mh[N], s, &st);                                             \
        PyObject *r = ((PyCMethod)g_mh[N].orig)(s, c, a, n, k);               \
        mh_post(&g_mh[N], r, &st);                                            \
        return r;                                                             \
    }
/* clang-format off */
METHOD_HOOK_WRAPPERS(0)
METHOD_HOOK_WRAPPERS(1)
METHOD_HOOK_WRAPPERS(2)
METHOD_HOOK_WRAPPERS(3)
METHOD_HOOK_WRAPPERS(4)
METHOD_HOOK_WRAPPERS(5)
METHOD_HOOK_WRAPPERS(6)
METHOD_HOOK_WRAPPERS(7)
METHOD_HOOK_WRAPPERS(8)
METHOD_HOOK_WRAPPERS(9)
METHOD_HOOK_WRAPPERS(10)
METHOD_HOOK_WRAPPERS(11)
METHOD_HOOK_WRAPPERS(12)
METHOD_HOOK_WRAPPERS(13)
METHOD_HOOK_WRAPPERS(14)
METHOD_HOOK_WRAPPERS(15)
METHOD_HOOK_WRAPPERS(16)
METHOD_HOOK_WRAPPERS(17)
METHOD_HOOK_WRAPPERS(18)
METHOD_HOOK_WRAPPERS(19)
METHOD_HOOK_WRAPPERS(20)
METHOD_HOOK_WRAPPERS(21)
METHOD_HOOK_WRAPPERS(22)
METHOD_HOOK_WRAPPERS(23)
METHOD_HOOK_WRAPPERS(24)
METHOD_HOOK_WRAPPERS(25)
METHOD_HOOK_WRAPPERS(26)
METHOD_HOOK_WRAPPERS(27)
METHOD_HOOK_WRAPPERS(28)
METHOD_HOOK_WRAPPERS(29)
METHOD_HOOK_WRAPPERS(30)
METHOD_HOOK_WRAPPERS(31)
METHOD_HOOK_WRAPPERS(32)
METHOD_HOOK_WRAPPERS(33)
METHOD_HOOK_WRAPPERS(34)
METHOD_HOOK_WRAPPERS(35)
METHOD_HOOK_WRAPPERS(36)
METHOD_HOOK_WRAPPERS(37)
METHOD_HOOK_WRAPPERS(38)
METHOD_HOOK_WRAPPERS(39)
METHOD_HOOK_WRAPPERS(40)
METHOD_HOOK_WRAPPERS(41)
METHOD_HOOK_WRAPPERS(42)
METHOD_HOOK_WRAPPERS(43)
METHOD_HOOK_WRAPPERS(44)
METHOD_HOOK_WRAPPERS(45)
METHOD_HOOK_WRAPPERS(46)
METHOD_HOOK_WRAPPERS(47)
/* clang-format on */
#define METHOD_HOOK_ROW(N)                                                    \
    {(void *)mh_cf_##N, (void *)mh_kw_##N, (void *)mh_fc_##N,                 \
     (void *)mh_fk_##N, (void *)mh_me_##N}
static void *const g_mh_fn[MH_MAX][5] = {
    METHOD_HOOK_ROW(0),  METHOD_HOOK_ROW(1),  METHOD_HOOK_ROW(2),
    METHOD_HOOK_ROW(3),  METHOD_HOOK_ROW(4),  METHOD_HOOK_ROW(5),
    METHOD_HOOK_ROW(6),  METHOD_HOOK_ROW(7),  METHOD_HOOK_ROW(8),
    METHOD_HOOK_ROW(9),  METHOD_HOOK_ROW(10), METHOD_HOOK_ROW(11),
    METHOD_HOOK_ROW(12), METHOD_HOOK_ROW(13), METHOD_HOOK_ROW(14),
    METHOD_HOOK_ROW(15), METHOD_HOOK_ROW(16), METHOD_HOOK_ROW(17),
    METHOD_HOOK_ROW(18), METHOD_HOOK_ROW(19), METHOD_HOOK_ROW(20),
    METHOD_HOOK_ROW(21), METHOD_HOOK_ROW(22), METHOD_HOOK_ROW(23),
    METHOD_HOOK_ROW(24), METHOD_HOOK_ROW(25), METHOD_HOOK_ROW(26),
    METHOD_HOOK_ROW(27), METHOD_HOOK_ROW(28), METHOD_HOOK_ROW(29),
    METHOD_HOOK_ROW(30), METHOD_HOOK_ROW(31), METHOD_HOOK_ROW(32),
    METHOD_HOOK_ROW(33), METHOD_HOOK_ROW(34), METHOD_HOOK_ROW(35),
    METHOD_HOOK_ROW(36), METHOD_HOOK_ROW(37), METHOD_HOOK_ROW(38),
    METHOD_HOOK_ROW(39), METHOD_HOOK_ROW(40), METHOD_HOOK_ROW(41),
    METHOD_HOOK_ROW(42), METHOD_HOOK_ROW(43), METHOD_HOOK_ROW(44),
    METHOD_HOOK_ROW(45), METHOD_HOOK_ROW(46), METHOD_HOOK_ROW(47),
};

static int
hook_method(PyTypeObject *type, const char *name, int role, const char *op,
            int counter_kind, Py_ssize_t counter_offset, Py_ssize_t buf_off)
{
    PyObject *d = PyDict_GetItemString(type_dict(type), name);
    if (!d || !Py_IS_TYPE(d, &PyMethodDescr_Type)) {
        return 0;
    }
    PyMethodDef *def = ((PyMethodDescrObject *)d)->d_method;
    for (int i = 0; i < g_nmh; i++) {
        if (g_mh[i].def == def) {
            return 1; /* already */
        }
    }
    if (g_nmh >= MH_MAX) {
        return -1;
    }
    int slot = g_nmh, row = g_nmh;
    int kind;
    int f = def->ml_flags & (METH_VARARGS | METH_KEYWORDS | METH_NOARGS |
                             METH_O | METH_FASTCALL | METH_METHOD);
    if (f == (METH_METHOD | METH_FASTCALL | METH_KEYWORDS)) {
        kind = 4;
    }
    else if (f == METH_NOARGS || f == METH_O || f == METH_VARARGS) {
        kind = 0;
    }
    else if (f == (METH_VARARGS | METH_KEYWORDS)) {
        kind = 1;
    }
    else if (f == METH_FASTCALL) {
        kind = 2;
    }
    else if (f == (METH_FASTCALL | METH_KEYWORDS)) {
        kind = 3;
    }
    else {
        return -1;
    }
    MethHook *h = &g_mh[slot];
    h->def = def;
    h->orig = (void *)def->ml_meth;
    h->role = role;
    h->op = op;
    h->type = type;
    h->counter_kind = counter_kind;
    h->counter_offset = counter_offset;
    h->buf_off = buf_off;
    def->ml_meth = (PyCFunction)g_mh_fn[row][kind];
    g_nmh++;
    return 1;
}

/* ------------------------------------------------------------------ hooking
 * types */
static int
counter_kind_of_type(PyTypeObject *t)
{
    if (t == &PyByteArray_Type) {
        return COUNTER_BYTEARRAY;
    }
    if (t == &PyMemoryView_Type) {
        return COUNTER_MEMORYVIEW;
    }
    const char *n = t->tp_name;
    if (!strcmp(n, "array.array")) {
        return COUNTER_ARRAY;
    }
    if (!strcmp(n, "mmap.mmap")) {
        return COUNTER_MMAP;
    }
    if (!strcmp(n, "_io._BytesIOBuffer")) {
        return COUNTER_BYTESIOBUF;
    }
    if (!strcmp(n, "_io.BytesIO")) {
        return COUNTER_BYTESIO;
    }
    return COUNTER_NONE;
}


static void
hook_dealloc(TypeInfo *ti)
{
    PyTypeObject *t = ti->type;
    if (ti->hooked_dealloc || !t->tp_dealloc || t->tp_dealloc == hk_dealloc) {
        return;
    }
    if (t->tp_dealloc == g_subtype_dealloc) {
        return; /* reaches the base's (hooked) dealloc */
    }
    ti->dealloc = t->tp_dealloc;
    t->tp_dealloc = hk_dealloc;
    ti->hooked_dealloc = 1;
}

/* hooks one type if it exports buffers; returns 1 if hooked now */
static int
hook_type(PyTypeObject *t)
{
    PyBufferProcs *pb = t->tp_as_buffer;
    int counter_kind = counter_kind_of_type(t);
    if (counter_kind == COUNTER_BYTESIO || t == g_mbuf_type) {
        TypeInfo *ti = type_add(t);
        if (ti) {
            ti->counter_kind = counter_kind == COUNTER_BYTESIO
                                   ? COUNTER_BYTESIO
                                   : COUNTER_MBUF;
            hook_dealloc(ti);
        }
        return 0;
    }
    if (!pb || !pb->bf_getbuffer) {
        return 0;
    }
    TypeInfo *ti = type_find(t);
    if (ti && ti->hooked_buf) {
        return 0;
    }
    if (pb->bf_getbuffer == hk_getbuffer) {
        return 0; /* created after hooking: see buf_info */
    }
    /* A Python __buffer__ (slot_bf_getbuffer, PEP 688) is not hooked: the
     * export is the inner memoryview's, traced as such, whether the class was
     * created before tracing or after; and the table would keep the class
     * alive */
    if (g_slot_getbuffer && pb->bf_getbuffer == g_slot_getbuffer) {
        return 0;
    }
    ti = type_add(t);
    if (!ti) {
        return 0;
    }
    ti->get = pb->bf_getbuffer;
    ti->rel =
        pb->bf_releasebuffer == hk_releasebuffer ? NULL : pb->bf_releasebuffer;
    /* A Python __release_buffer__ (slot_bf_releasebuffer) keeps its slot: the
     * buffer wrapper of a PEP 688 exporter calls __release_buffer__ only while
     * the slot IS slot_bf_releasebuffer (bufferwrapper_releasebuf,
     * Objects/typeobject.c, 3.12+), and a subclass of a C exporter reaches its
     * base's hooked slot through releasebuffer_maybe_call_super. When the hook
     * is reached that way for this type, it must call the base's original, not
     * the Python slot. */
    int keep_rel =
        g_slot_releasebuffer && pb->bf_releasebuffer == g_slot_releasebuffer;
    if (keep_rel) {
        ti->rel = NULL;
        if (t->tp_mro && PyTuple_Check(t->tp_mro)) {
            for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(t->tp_mro); i++) {
                PyTypeObject *b =
                    (PyTypeObject *)PyTuple_GET_ITEM(t->tp_mro, i);
                releasebufferproc br =
                    b->tp_as_buffer ? b->tp_as_buffer->bf_releasebuffer : NULL;
                if (br == g_slot_releasebuffer) {
                    continue;
                }
                if (br == hk_releasebuffer) {
                    TypeInfo *a = type_find(b);
                    ti->rel = a ? a->rel : NULL;
                }
                else {
                    ti->rel = br;
                }
                break;
            }
        }
    }
    if (counter_kind != COUNTER_NONE) {
        ti->counter_kind = counter_kind;
    }
    else {
        /* subclass of a known-counter type: same layout prefix */
        for (PyTypeObject *b = t->tp_base; b; b = b->tp_base) {
            TypeInfo *a = type_find(b);
            int bck = a ? a->counter_kind : counter_kind_of_type(b);
            if (bck != COUNTER_NONE) {
                ti->counter_kind = bck;
                if (a) {
                    ti->counter_offset = a->counter_offset;
                }
                break;
            }
        }
    }
    pb->bf_getbuffer = hk_getbuffer;
    if (!keep_rel &&
        (ti->rel || (!g_release_patched && !BS_RELEASE_INLINED))) {
        pb->bf_releasebuffer = hk_releasebuffer;
    }
    ti->hooked_buf = 1;
#if PY_VERSION_HEX >= 0x030C0000
    /* 3.12+: bytearray.__buffer__(b, f) calls the function held by the slot
     * wrapper, and heap subclasses created later take their slots from it
     * (update_one_slot): point it at the hooks */
    PyObject *dict = type_dict(t);
    PyObject *d = dict ? PyDict_GetItemString(dict, "__buffer__") : NULL;
    if (d && Py_IS_TYPE(d, &PyWrapperDescr_Type) &&
        ((PyWrapperDescrObject *)d)->d_wrapped == (void *)ti->get) {
        ((PyWrapperDescrObject *)d)->d_wrapped = (void *)hk_getbuffer;
    }
    d = dict && ti->rel && !keep_rel
            ? PyDict_GetItemString(dict, "__release_buffer__")
            : NULL;
    if (d && Py_IS_TYPE(d, &PyWrapperDescr_Type) &&
        ((PyWrapperDescrObject *)d)->d_wrapped == (void *)ti->rel) {
        ((PyWrapperDescrObject *)d)->d_wrapped = (void *)hk_releasebuffer;
    }
    if (PyErr_Occurred()) {
        PyErr_Clear();
    }
#endif
    hook_dealloc(ti);
    if (t == &PyMemoryView_Type && t->tp_clear && t->tp_clear != hk_clear) {
        ti->clear = t->tp_clear;
        t->tp_clear = hk_clear;
        ti->hooked_clear = 1;
    }
    return 1;
}

static int
walk(PyTypeObject *t, int *count, int depth)
{
    if (depth > 200) {
        return 0;
    }
    *count += hook_type(t);
    PyObject *subs =
        PyObject_CallMethod((PyObject *)t, "__subclasses__", NULL);
    if (!subs) {
        PyErr_Clear();
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subs); i++) {
        PyObject *s = PyList_GET_ITEM(subs, i);
        if (PyType_Check(s)) {
            walk((PyTypeObject *)s, count, depth + 1);
        }
    }
    Py_DECREF(subs);
    return 0;
}

static const char *const BA_OPS[] = {"append", "extend", "pop", "clear",
                                     "insert", "remove", NULL};
static const char *const AR_OPS[] = {
    "append",   "extend", "frombytes", "fromlist", "fromunicode",
    "fromfile", "insert", "pop",       "remove",   NULL};
static const char *const MM_OPS[] = {"resize", "close", NULL};
static const char *const BIO_OPS[] = {"write", "writelines", "truncate",
                                      "close", NULL};

/* Operator slots that resize (ba += x, ba *= n, ba[a:b] = x, del ba[a:b], same
 * for array): one hook per (type, slot). Subclasses made later copy the hooked
 * pointer; the wrapper then finds the hook through the MRO. */
enum {
    SL_ICONCAT,
    SL_IREPEAT,
    SL_ASS_SUB,
    SL_N
};
typedef struct {
    PyTypeObject *type;
    void *orig[SL_N];
    MethHook h[SL_N];
} SlotHook;
static SlotHook g_slots[2];
static int g_nslots;
static const char *const SLOT_OPS[SL_N] = {"iadd", "imul", "setitem"};

static SlotHook *
slot_hook(PyObject *self)
{
    PyTypeObject *t = Py_TYPE(self);
    for (int i = 0; i < g_nslots; i++) {
        if (PyType_IsSubtype(t, g_slots[i].type)) {
            return &g_slots[i];
        }
    }
    return NULL;
}
static PyObject *
sl_iconcat(PyObject *self, PyObject *o)
{
    SlotHook *sh = slot_hook(self);
    MhState st;
    mh_pre(&sh->h[SL_ICONCAT], self, &st);
    PyObject *r = ((binaryfunc)sh->orig[SL_ICONCAT])(self, o);
    mh_post(&sh->h[SL_ICONCAT], r, &st);
    return r;
}
static PyObject *
sl_irepeat(PyObject *self, Py_ssize_t n)
{
    SlotHook *sh = slot_hook(self);
    MhState st;
    mh_pre(&sh->h[SL_IREPEAT], self, &st);
    PyObject *r = ((ssizeargfunc)sh->orig[SL_IREPEAT])(self, n);
    mh_post(&sh->h[SL_IREPEAT], r, &st);
    return r;
}
static int
sl_ass_sub(PyObject *self, PyObject *k, PyObject *v)
{
    SlotHook *sh = slot_hook(self);
    MhState st;
    /* only a slice key (b[i:j] = ...) can change the size */
    int slice = PySlice_Check(k);
    if (slice) {
        mh_pre(&sh->h[SL_ASS_SUB], self, &st);
    }
    int r = ((objobjargproc)sh->orig[SL_ASS_SUB])(self, k, v);
    if (slice) {
        mh_post(&sh->h[SL_ASS_SUB], r == 0 ? Py_None : NULL, &st);
    }
    return r;
}

static void
hook_slots(PyTypeObject *t, int counter_kind)
{
    for (int i = 0; i < g_nslots; i++) {
        if (g_slots[i].type == t) {
            return;
        }
    }
    if (g_nslots >= 2 || !t->tp_as_sequence || !t->tp_as_mapping) {
        return;
    }
    SlotHook *sh = &g_slots[g_nslots];
    sh->type = t;
    for (int k = 0; k < SL_N; k++) {
        sh->h[k].role = MH_RESIZE;
        sh->h[k].op = SLOT_OPS[k];
        sh->h[k].type = t;
        sh->h[k].counter_kind = counter_kind;
        sh->h[k].buf_off = -1;
    }
    if (t->tp_as_sequence->sq_inplace_concat) {
        sh->orig[SL_ICONCAT] = (void *)t->tp_as_sequence->sq_inplace_concat;
        t->tp_as_sequence->sq_inplace_concat = sl_iconcat;
    }
    if (t->tp_as_sequence->sq_inplace_repeat) {
        sh->orig[SL_IREPEAT] = (void *)t->tp_as_sequence->sq_inplace_repeat;
        t->tp_as_sequence->sq_inplace_repeat = sl_irepeat;
    }
    if (t->tp_as_mapping->mp_ass_subscript) {
        sh->orig[SL_ASS_SUB] = (void *)t->tp_as_mapping->mp_ass_subscript;
        t->tp_as_mapping->mp_ass_subscript = sl_ass_sub;
    }
    g_nslots++;
    /* the slot wrappers (__iadd__, __imul__, __setitem__, __delitem__) hold
     * the function pointer too: heap subclasses take their slots from them,
     * and explicit calls use them */
    static const char *const names[] = {"__iadd__", "__imul__", "__setitem__",
                                        "__delitem__"};
    static const int which[] = {SL_ICONCAT, SL_IREPEAT, SL_ASS_SUB,
                                SL_ASS_SUB};
    void *const hooks[] = {(void *)sl_iconcat, (void *)sl_irepeat,
                           (void *)sl_ass_sub, (void *)sl_ass_sub};
    for (int k = 0; k < 4; k++) {
        PyObject *d = PyDict_GetItemString(type_dict(t), names[k]);
        if (d && Py_IS_TYPE(d, &PyWrapperDescr_Type) &&
            ((PyWrapperDescrObject *)d)->d_wrapped == sh->orig[which[k]] &&
            sh->orig[which[k]]) {
            ((PyWrapperDescrObject *)d)->d_wrapped = hooks[k];
        }
    }
}

static void
hook_resizers(void)
{
    /* no type is added while the table is walked */
    for (size_t i = 0; i < g_types.capacity; i++) {
        TypeEnt *e = (TypeEnt *)table_entry(&g_types, i);
        if (!e->type) {
            continue;
        }
        TypeInfo *ti = e->info;
        const char *const *ops = NULL;
        int counter_kind = counter_kind_of_type(ti->type);
        if (counter_kind == COUNTER_BYTEARRAY) {
            ops = BA_OPS;
        }
        else if (counter_kind == COUNTER_ARRAY) {
            ops = AR_OPS;
        }
        if (counter_kind == COUNTER_BYTEARRAY ||
            counter_kind == COUNTER_ARRAY) {
            hook_slots(ti->type, counter_kind);
        }
        else if (counter_kind == COUNTER_MMAP) {
            ops = MM_OPS;
        }
        else if (counter_kind == COUNTER_BYTESIO) {
            ops = BIO_OPS;
        }
        if (!ops) {
            continue;
        }
        for (int k = 0; ops[k]; k++) {
            hook_method(ti->type, ops[k], MH_RESIZE, ops[k], counter_kind, 0,
                        -1);
        }
    }
}

static PyObject *
py_scan(PyObject *m, PyObject *args)
{
    int count = 0;
    PyObject *extra = NULL;
    if (!PyArg_ParseTuple(args, "|O", &extra)) {
        return NULL;
    }
    walk(&PyBaseObject_Type, &count, 0);
    /* object.__subclasses__() misses some static extension types (e.g.
     * _testbuffer.ndarray in 3.11): also walk the types found in the given
     * objects (module namespaces) */
    if (extra) {
        PyObject *it = PyObject_GetIter(extra), *o;
        if (!it) {
            return NULL;
        }
        while ((o = PyIter_Next(it))) {
            if (PyType_Check(o)) {
                walk((PyTypeObject *)o, &count, 0);
            }
            Py_DECREF(o);
        }
        Py_DECREF(it);
        if (PyErr_Occurred()) {
            return NULL;
        }
    }
    hook_resizers();
    if (!hook_method(&PyMemoryView_Type, "release", MH_MV_RELEASE, "release",
                     COUNTER_MEMORYVIEW, 0, -1)) {
    }
    hook_method(&PyMemoryView_Type, "__exit__", MH_MV_RELEASE, "release",
                COUNTER_MEMORYVIEW, 0, -1);
    if (PyErr_Occurred()) {
        PyErr_Clear();
    }
    return PyLong_FromLong(count);
}

/* ------------------------------------------------------------------ layout
 * self-check */
static void
self_check(void)
{
    g_counter_layout_ok[COUNTER_NONE] = 0;
    g_counter_layout_ok[COUNTER_BYTEARRAY] =
        g_counter_layout_ok[COUNTER_MEMORYVIEW] =
            g_counter_layout_ok[COUNTER_MBUF] =
                g_counter_layout_ok[COUNTER_OFFSET] = 1;
    /* array, mmap, BytesIO: private structs; check that the counter moves 0 ->
     * 1 -> 0 */
    const char *code[][2] = {
        {"array", "import array; o = array.array('b', b'xyz')"},
        {"mmap", "import mmap; o = mmap.mmap(-1, 4096)"},
        {"bytesio", "import io; o = io.BytesIO(b'abc')"},
    };
    int kinds[] = {COUNTER_ARRAY, COUNTER_MMAP, COUNTER_BYTESIO};
    for (int i = 0; i < 3; i++) {
        PyObject *g = PyDict_New();
        PyObject *r = g ? PyRun_String(code[i][1], Py_file_input, g, g) : NULL;
        PyObject *o = r ? PyDict_GetItemString(g, "o") : NULL;
        int ok = 0;
        if (o &&
            Py_TYPE(o)->tp_basicsize >=
                (Py_ssize_t)(kinds[i] == COUNTER_ARRAY ? sizeof(bs_arrayobject)
                             : kinds[i] == COUNTER_MMAP
                                 ? sizeof(bs_mmapobject)
                                 : sizeof(bs_bytesio))) {
            Py_ssize_t *cnt =
                kinds[i] == COUNTER_ARRAY  ? &((bs_arrayobject *)o)->ob_exports
                : kinds[i] == COUNTER_MMAP ? &((bs_mmapobject *)o)->exports
                                           : &((bs_bytesio *)o)->exports;
            if (*cnt == 0) {
                PyObject *mv = kinds[i] == COUNTER_BYTESIO
                                   ? PyObject_CallMethod(o, "getbuffer", NULL)
                                   : PyMemoryView_FromObject(o);
                if (mv) {
                    ok = *cnt == 1;
                    PyObject *rr = PyObject_CallMethod(mv, "release", NULL);
                    Py_XDECREF(rr);
                    ok = ok && *cnt == 0;
                    Py_DECREF(mv);
                }
            }
            if (kinds[i] == COUNTER_MMAP) {
                PyObject *rr = PyObject_CallMethod(o, "close", NULL);
                Py_XDECREF(rr);
            }
        }
        if (PyErr_Occurred()) {
            PyErr_Clear();
        }
        g_counter_layout_ok[kinds[i]] = ok;
        if (kinds[i] == COUNTER_BYTESIO) {
            g_counter_layout_ok[COUNTER_BYTESIOBUF] = ok;
        }
        Py_XDECREF(r);
        Py_XDECREF(g);
    }
}

/* The types CPython does not export (3.12+), found from objects made here: the
 * managed buffer (a memoryview's mbuf) and, 3.12+, slot_bf_getbuffer /
 * slot_bf_releasebuffer (the slots of a class defining __buffer__ /
 * __release_buffer__). Their layouts are checked. */
static int
find_types(void)
{
    PyObject *ba = PyByteArray_FromStringAndSize("ab", 2);
    PyObject *mv = ba ? PyMemoryView_FromObject(ba) : NULL;
    if (!mv) {
        Py_XDECREF(ba);
        return -1;
    }
    PyMemoryViewObject *v = (PyMemoryViewObject *)mv;
    PyTypeObject *mt = v->mbuf ? Py_TYPE(v->mbuf) : NULL;
    int ok = mt && strcmp(mt->tp_name, "managedbuffer") == 0 &&
             mt->tp_basicsize == (Py_ssize_t)sizeof(_PyManagedBufferObject) &&
             v->mbuf->master.obj == ba && v->mbuf->exports == 1 &&
             v->exports == 0 && ((PyByteArrayObject *)ba)->ob_exports == 1;
    PyObject *r = PyObject_CallMethod(mv, "release", NULL);
    Py_XDECREF(r);
    ok = ok && ((PyByteArrayObject *)ba)->ob_exports == 0;
    Py_DECREF(mv);
    Py_DECREF(ba);
    if (!ok) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ImportError,
                         "bufspec tracer: the memoryview / managed buffer / "
                         "bytearray layout of "
                         "CPython %s is not the one this tracer was built for "
                         "(self-check failed)",
                         PY_VERSION);
        }
        return -1;
    }
    g_mbuf_type = mt;
    Py_INCREF(mt);
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *g = PyDict_New();
    r = g ? PyRun_String(
                "class _B:\n def __buffer__(self, f): return memoryview(b'')\n"
                " def __release_buffer__(self, v): pass\n",
                Py_file_input, g, g)
          : NULL;
    PyObject *cls = r ? PyDict_GetItemString(g, "_B") : NULL;
    if (cls && ((PyTypeObject *)cls)->tp_as_buffer) {
        g_slot_getbuffer = ((PyTypeObject *)cls)->tp_as_buffer->bf_getbuffer;
        g_slot_releasebuffer =
            ((PyTypeObject *)cls)->tp_as_buffer->bf_releasebuffer;
    }
    Py_XDECREF(r);
    Py_XDECREF(g);
    if (!g_slot_releasebuffer) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ImportError,
                            "bufspec tracer: no slot_bf_releasebuffer found");
        }
        return -1;
    }
#endif
    return 0;
}

/* ------------------------------------------------------------------ session
 */
static void
write_footer_and_close(int finalized)
{
    pthread_mutex_lock(&g_lock);
    if (g_fd >= 0) {
        if (BUF_CAP - g_pos < EVENT_MAX) {
            flush_locked();
        }
        char *p = g_buf + g_pos;
        long long n = g_events;
        W("{\"seq\":");
        p = w_i64(p, ++g_seq);
        W(",\"tid\":");
        p = w_i64(p, cur_tid());
        W(",\"kind\":\"footer\",\"events\":");
        p = w_i64(p, n);
        W(",\"unseen_acquires\":");
        p = w_i64(p, g_unseen);
        time_t now = time(NULL);
        struct tm tmv;
        gmtime_r(&now, &tmv);
        char ts[40];
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tmv);
        W(",\"end\":");
        p = w_jstr(p, ts, 40);
        W(",\"finalized\":");
        p = finalized ? (W("true"), p) : (W("false"), p);
        *p++ = '}';
        *p++ = '\n';
        g_pos = (size_t)(p - g_buf);
        flush_locked();
        close(g_fd);
        g_fd = -1;
    }
    g_active = 0;
    pthread_mutex_unlock(&g_lock);
}

static void
at_exit_cb(void)
{
    if (g_active) {
        write_footer_and_close(1);
    }
}

static int
open_out(const char *path, const char *header)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
        return -1;
    }
    pthread_mutex_lock(&g_lock);
    if (!g_buf) {
        g_buf = malloc(BUF_CAP);
    }
    g_fd = fd;
    g_pos = 0;
    g_seq = 0;
    g_events = 0;
    g_unseen = 0;
    table_clear(&g_objects);
    table_clear(&g_live);
    size_t hl = strlen(header);
    if (hl > BUF_CAP - EVENT_MAX) {
        hl = BUF_CAP - EVENT_MAX;
    }
    memcpy(g_buf, header, hl);
    g_buf[hl] = '\n';
    g_pos = hl + 1;
    flush_locked();
    pthread_mutex_unlock(&g_lock);
    return 0;
}

static PyObject *
py_start(PyObject *m, PyObject *args)
{
    const char *path, *header;
    if (!PyArg_ParseTuple(args, "ss", &path, &header)) {
        return NULL;
    }
    if (g_active) {
        PyErr_SetString(PyExc_RuntimeError,
                        "bufspec tracer is already tracing");
        return NULL;
    }
    if (open_out(path, header) < 0) {
        return NULL;
    }
    mw_clear();
    g_active = 1;
    if (!g_atexit_registered) {
        Py_AtExit(at_exit_cb);
        g_atexit_registered = 1;
    }
    if (!g_term_installed) {
        struct sigaction cur;
        if (sigaction(SIGTERM, NULL, &cur) == 0 && cur.sa_handler == SIG_DFL) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = term_handler;
            sigemptyset(&sa.sa_mask);
            g_old_term = cur;
            sigaction(SIGTERM, &sa, NULL);
            g_term_installed = 1;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *
py_stop(PyObject *m, PyObject *unused)
{
    if (g_active) {
        write_footer_and_close(0);
    }
    mw_clear();
    Py_RETURN_NONE;
}

static PyObject *
py_flush(PyObject *m, PyObject *unused)
{
    pthread_mutex_lock(&g_lock);
    flush_locked();
    pthread_mutex_unlock(&g_lock);
    Py_RETURN_NONE;
}

/* after fork in the child: reopen under a new name (or stop silently) */
static PyObject *
py_child(PyObject *m, PyObject *args)
{
    const char *path = NULL, *header = NULL;
    if (!PyArg_ParseTuple(args, "|zz", &path, &header)) {
        return NULL;
    }
    pthread_mutex_init(&g_lock, NULL);
    pthread_mutex_init(&g_wlock, NULL);
    mw_after_fork();
    pthread_cond_init(&g_wcond, NULL);
    if (g_inflight) {
        g_spare = NULL;
        g_inflight = NULL;
    } /* the parent's writer is not here */
    g_writer_pid = 0;
    t_tid = 0;
    t_tidlen = 0; /* the forking thread has a new id in the child */
    if (g_fd >= 0) {
        close(g_fd);
    }
    g_fd = -1;
    g_pos = 0;
    g_active = 0;
    mw_clear(); /* the child's log starts with no view known (attached: midrun)
                 */
    if (path && header) {
        if (open_out(path, header) < 0) {
            return NULL;
        }
        g_active = 1;
    }
    Py_RETURN_NONE;
}

static PyObject *
py_active(PyObject *m, PyObject *unused)
{
    return PyBool_FromLong(g_active);
}

/* ------------------------------------------------------------------
 * registration API */
static PyObject *
py_register_counter(PyObject *m, PyObject *args)
{
    PyTypeObject *t;
    Py_ssize_t off;
    if (!PyArg_ParseTuple(args, "O!n", &PyType_Type, &t, &off)) {
        return NULL;
    }
    if (off < (Py_ssize_t)sizeof(PyObject) ||
        off + (Py_ssize_t)sizeof(Py_ssize_t) > t->tp_basicsize) {
        PyErr_Format(
            PyExc_ValueError,
            "counter offset %zd outside %s's instance (basicsize %zd)", off,
            t->tp_name, t->tp_basicsize);
        return NULL;
    }
    hook_type(t);
    TypeInfo *ti = type_add(t);
    if (!ti) {
        return PyErr_NoMemory();
    }
    ti->counter_kind = COUNTER_OFFSET;
    ti->counter_offset = off;
    Py_RETURN_NONE;
}

static PyObject *
py_register_chain(PyObject *m, PyObject *args)
{
    PyTypeObject *t;
    Py_ssize_t off;
    int self_re = 1;
    if (!PyArg_ParseTuple(args, "O!n|p", &PyType_Type, &t, &off, &self_re)) {
        return NULL;
    }
    if (off < (Py_ssize_t)sizeof(PyObject) ||
        off + (Py_ssize_t)sizeof(Py_buffer) > t->tp_basicsize) {
        PyErr_Format(PyExc_ValueError,
                     "held Py_buffer offset %zd outside %s's instance", off,
                     t->tp_name);
        return NULL;
    }
    for (int i = 0; i < g_nchains; i++) {
        if (g_chains[i].type == t) {
            Py_RETURN_NONE;
        }
    }
    if (g_nchains >= 32) {
        PyErr_SetString(PyExc_RuntimeError, "too many chains");
        return NULL;
    }
    Py_INCREF(t);
    g_chains[g_nchains].type = t;
    g_chains[g_nchains].off = off;
    g_chains[g_nchains].self_reexporter = self_re;
    g_nchains++;
    hook_type(t);
    Py_RETURN_NONE;
}

static PyObject *
py_register_resize(PyObject *m, PyObject *args)
{
    PyTypeObject *t;
    const char *name;
    Py_ssize_t buf_off;
    if (!PyArg_ParseTuple(args, "O!sn", &PyType_Type, &t, &name, &buf_off)) {
        return NULL;
    }
    TypeInfo *ti = type_find(t);
    int counter_kind = ti ? ti->counter_kind : COUNTER_NONE;
    Py_ssize_t counter_offset = ti ? ti->counter_offset : 0;
    char *op = strdup(name);
    int r = hook_method(t, name, MH_RESIZE, op, counter_kind, counter_offset,
                        buf_off);
    if (r <= 0) {
        PyErr_Format(PyExc_ValueError, "%s has no hookable method %s",
                     t->tp_name, name);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *
py_ident(PyObject *m, PyObject *o)
{
    /* the identity string the log uses for o (for tests) */
    char tmp[64];
    char *p = tmp;
    ObjEnt *e = obj_find((uintptr_t)o, 0);
    p = w_hex(p, (uintptr_t)o);
    *p++ = '#';
    p = w_i64(p, e ? e->incarnation : 0);
    *p = 0;
    return PyUnicode_FromString(tmp);
}

/* ------------------------------------------------------------------ test
 * marks */
/* A test's start or end, written by the pytest plugin: kind "test"
 * (docs/trace-format.md). Not a buffer event: validators attribute the events
 * between a start and its end to that test. */
#define TEST_NODEID_MAX                                                       \
    2048 /* bytes of the node id kept (escaped: at most 6x, within EVENT_MAX) \
          */

static PyObject *
py_test_mark(PyObject *m, PyObject *args)
{
    const char *phase, *nodeid, *outcome = NULL;
    if (!PyArg_ParseTuple(args, "ss|z", &phase, &nodeid, &outcome)) {
        return NULL;
    }
    if (strcmp(phase, "start") != 0 && strcmp(phase, "end") != 0) {
        PyErr_SetString(PyExc_ValueError,
                        "test_mark: phase must be 'start' or 'end'");
        return NULL;
    }
    if (!g_active) {
        Py_RETURN_FALSE;
    }
    char *p = ev_begin("test");
    W(",\"phase\":");
    p = w_jstr(p, phase, 8);
    W(",\"nodeid\":");
    p = w_jstr(p, nodeid, TEST_NODEID_MAX);
    if (outcome) {
        W(",\"outcome\":");
        p = w_jstr(p, outcome, 16);
    }
    ev_end(p);
    Py_RETURN_TRUE;
}

static PyObject *
py_layouts(PyObject *m, PyObject *unused)
{
    return Py_BuildValue(
        "{s:O,s:O,s:O,s:O,s:O,s:O}", "release_patched",
        g_release_patched ? Py_True : Py_False, "release_inlined",
        BS_RELEASE_INLINED ? Py_True : Py_False, "bytearray",
        g_counter_layout_ok[COUNTER_BYTEARRAY] ? Py_True : Py_False, "array",
        g_counter_layout_ok[COUNTER_ARRAY] ? Py_True : Py_False, "mmap",
        g_counter_layout_ok[COUNTER_MMAP] ? Py_True : Py_False, "bytesio",
        g_counter_layout_ok[COUNTER_BYTESIO] ? Py_True : Py_False);
}

static PyObject *
py_unseen(PyObject *m, PyObject *unused)
{
    return PyLong_FromLongLong(g_unseen);
}

static PyObject *
py_struct_address(PyObject *m, PyObject *o)
{
    return PyLong_FromVoidPtr(o);
}

static PyMethodDef methods[] = {
    {"scan", py_scan, METH_VARARGS,
     "scan([objects]): hook every exporter type reachable from "
     "object.__subclasses__() and from the types among objects; returns how "
     "many were newly hooked."},
    {"start", py_start, METH_VARARGS,
     "start(path, header_json): open the log and record."},
    {"stop", py_stop, METH_NOARGS,
     "Write the footer (finalized: false) and close."},
    {"flush", py_flush, METH_NOARGS, "Write buffered events."},
    {"after_fork_child", py_child, METH_VARARGS,
     "after_fork_child([path, header]): reopen or stop in a forked child."},
    {"active", py_active, METH_NOARGS, "Whether a log is being written."},
    {"register_counter", py_register_counter, METH_VARARGS,
     "register_counter(type, offset): the type's export counter is a "
     "Py_ssize_t at offset."},
    {"register_chain", py_register_chain, METH_VARARGS,
     "register_chain(type, offset, self_reexporter=True): instances hold a "
     "base export in the Py_buffer at offset."},
    {"register_resize", py_register_resize, METH_VARARGS,
     "register_resize(type, method, buf_offset): method may move the char* at "
     "buf_offset."},
    {"ident", py_ident, METH_O, "The log identity ADDR#N of an object."},
    {"layouts", py_layouts, METH_NOARGS,
     "Result of the private-layout self-check."},
    {"address", py_struct_address, METH_O, "Address of an object."},
    {"memwatch_info", mw_info, METH_NOARGS,
     "State and counters of the memory watch (_memwatch.c)."},
    {"memwatch_ranges", mw_ranges, METH_NOARGS,
     "[(struct address, field, start, length)] of the watched ranges."},
    {"memwatch_enable", mw_enable, METH_VARARGS,
     "memwatch_enable(flag): turn the memory watch's checks on or off; "
     "returns the old state."},
    {"memwatch_bench", mw_bench, METH_VARARGS,
     "memwatch_bench(n, 'libc'|'pymem'[, watched]): ns per malloc/free pair."},
    {"unseen_acquires", py_unseen, METH_NOARGS,
     "Acquires not recorded so far because their release cannot be seen "
     "(3.13+)."},
    {"test_mark", py_test_mark, METH_VARARGS,
     "test_mark(phase, nodeid[, outcome]): a test's start or end (kind test); "
     "False when not tracing."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef moddef = {PyModuleDef_HEAD_INIT, "_tracer",
                                    "bufspec tracer core", -1, methods};

PyMODINIT_FUNC
PyInit__tracer(void)
{
    PyObject *m = PyModule_Create(&moddef);
    if (!m) {
        return NULL;
    }
    /* subtype_dealloc is static: take it from a trivial heap class */
    PyObject *g = PyDict_New();
    PyObject *r = PyRun_String("class _P: pass\n", Py_file_input, g, g);
    PyObject *cls = r ? PyDict_GetItemString(g, "_P") : NULL;
    if (!cls) {
        Py_XDECREF(g);
        Py_XDECREF(r);
        Py_DECREF(m);
        return NULL;
    }
    g_subtype_dealloc = ((PyTypeObject *)cls)->tp_dealloc;
    Py_DECREF(r);
    Py_DECREF(g);
    for (int i = 0; i < 256; i++) {
        HEX2[2 * i] = "0123456789abcdef"[i >> 4];
        HEX2[2 * i + 1] = "0123456789abcdef"[i & 15];
    }
    if ((Py_Version >> 16) != (PY_VERSION_HEX >> 16)) {
        PyErr_Format(PyExc_ImportError,
                     "bufspec tracer: built for CPython %s, running on %s",
                     PY_VERSION, Py_GetVersion());
        Py_DECREF(m);
        return NULL;
    }
    if (find_types() < 0) {
        Py_DECREF(m);
        return NULL;
    }
    self_check();
    g_release_patched = BS_RELEASE_INLINED ? 0 : patch_release();
    /* the managed buffer holds its base export in mbuf->master */
    g_chains[0].type = g_mbuf_type;
    g_chains[0].off = offsetof(_PyManagedBufferObject, master);
    g_chains[0].self_reexporter = 0;
    g_nchains = 1;
    mw_init();
    return m;
}

/* ------------------------------------------------------------------ for
 * _memwatch.c */
char *
bs_ev_begin(const char *kind)
{
    return ev_begin(kind);
}
void
bs_ev_end(char *p)
{
    ev_end(p);
}
char *
bs_w_id(char *p, const void *o)
{
    return w_id(p, o);
}
char *
bs_w_ptr(char *p, const void *v)
{
    return w_ptr(p, v);
}
char *
bs_w_jstr(char *p, const char *s, Py_ssize_t max)
{
    return w_jstr(p, s, max);
}
char *
bs_w_i64(char *p, long long v)
{
    return w_i64(p, v);
}
int
bs_active(void)
{
    return g_active;
}
#endif   /* !BS_REFUSE */

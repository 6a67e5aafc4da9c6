package bufspec.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one NDJSON line into an {@link Event} with Jackson's streaming parser: a switch on the
 * field name fills a reusable scratch area (the {@code kind} may come last), then the record of
 * that kind is built and its required fields checked. Pointers are parsed from their hex strings
 * straight into {@code long}s; type names are interned. Unknown fields are ignored (forward
 * compatibility within version 1).
 */
final class EventDecoder {

    // Slots for pointer / id fields.
    private static final int EXPORTER = 0, VIEW = 1, OBJ_BEFORE = 2, OBJ = 3, BUF = 4, SHAPE = 5, STRIDES = 6,
            SUBOFFSETS = 7, INTERNAL = 8, COUNTER = 9, OBJECT = 10, HOLDER = 11, BASE = 12, REEXPORTER = 13,
            BUF_BEFORE = 14, BUF_AFTER = 15, SHAPE_PTR = 16, STRIDES_PTR = 17, SUBOFFSETS_PTR = 18, BLOCK = 19,
            NEW_BLOCK = 20, HIT_VIEW = 21, HIT_OBJ = 22, REFS = 23;
    private static final byte ABSENT = 0, NULL = 1, VALUE = 2;

    private final Interner interner = new Interner();

    private final long[] refAddr = new long[REFS];
    private final int[] refGen = new int[REFS];
    private final byte[] refState = new byte[REFS];

    // Scalars; presence tracked by the *Set flags.
    private long seq, tid, flags, len, itemsize, ndim, version, pid, events, exportsOne, unseen, size, newSize, moreViews, startSeq;
    private boolean startSeqSet, seqSet, tidSet, flagsSet, lenSet, itemsizeSet, ndimSet, versionSet, pidSet, eventsSet, exportsOneSet, sizeSet;
    private boolean ok, okSet, readonly, hasRb, hasRbSet, finalized, immortal;
    private Counts rc, exportsPair, bufPair;
    private String kind, type, error, format, op, holderType, producer, python, start, end, attached, phase, nodeid, outcome, threading, discipline;
    private boolean errorSet, formatSet;
    private List<String> argv, stack;
    private String call;
    private List<Freed.Hit> hits;

    /** Decodes the object whose START_OBJECT is the parser's current token, through its END_OBJECT. */
    Event decode(JsonParser p, long line) throws DecodeException, IOException {
        reset();
        JsonToken t;
        int prev = F_BEGIN; // before the first field
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int code;
            if (name == nextName[prev]) {
                code = nextCode[prev];
            } else {
                code = code(name);
                nextName[prev] = name;
                nextCode[prev] = code;
            }
            p.nextToken();
            field(p, code, name);
            prev = code;
        }
        if (t != JsonToken.END_OBJECT) throw new DecodeException(null, "a complete JSON object", describe(p));
        if (kind == null) throw new DecodeException("kind", "one of header, acquire, release, dealloc, resize, freed, chain, test, footer", "no kind");
        return switch (kind) {
            case "acquire" -> acquire(line);
            case "release" -> release(line);
            case "dealloc" -> new Dealloc(line, seq(), tid(), id(OBJECT, "object"), type(), exportsOne());
            case "resize" -> resize(line);
            case "freed" -> freed(line);
            case "chain" -> chain(line);
            case "header" -> header(line);
            case "footer" -> footer(line);
            case "test" -> testMark(line);
            default -> throw new DecodeException("kind", "one of header, acquire, release, dealloc, resize, freed, chain, test, footer",
                    quote(kind));
        };
    }

    private void reset() {
        java.util.Arrays.fill(refState, ABSENT);
        unseen = 0;
        startSeqSet = seqSet = tidSet = flagsSet = lenSet = itemsizeSet = ndimSet = versionSet = pidSet = eventsSet = exportsOneSet = sizeSet = false;
        moreViews = newSize = 0;
        call = null;
        hits = null;
        stack = null;
        okSet = hasRbSet = errorSet = formatSet = false;
        ok = readonly = hasRb = finalized = immortal = false;
        rc = exportsPair = bufPair = null;
        kind = type = error = format = op = holderType = producer = python = start = end = attached = phase = nodeid = outcome = threading = discipline = null;
        argv = null;
    }

    // Field codes: the switch in field() dispatches on these ints.
    private static final int F_SEQ = 0, F_TID = 1, F_KIND = 2, F_EXPORTER = 3, F_TYPE = 4, F_VIEW = 5, F_FLAGS = 6,
            F_OK = 7, F_ERROR = 8, F_OBJ_BEFORE = 9, F_OBJ = 10, F_BUF = 11, F_LEN = 12, F_READONLY = 13,
            F_ITEMSIZE = 14, F_NDIM = 15, F_FORMAT = 16, F_SHAPE = 17, F_STRIDES = 18, F_SUBOFFSETS = 19,
            F_SHAPE_PTR = 20, F_STRIDES_PTR = 21, F_SUBOFFSETS_PTR = 22, F_INTERNAL = 23, F_RC = 24, F_COUNTER = 25,
            F_EXPORTS = 26, F_HAS_RELEASEBUFFER = 27, F_OBJECT = 28, F_OP = 29, F_HOLDER = 30, F_HOLDER_TYPE = 31,
            F_BASE = 32, F_REEXPORTER = 33, F_EVENTS = 34, F_END = 35, F_FINALIZED = 36, F_VERSION = 37,
            F_PRODUCER = 38, F_PYTHON = 39, F_PID = 40, F_START = 41, F_ATTACHED = 42, F_ARGV = 43,
            F_PHASE = 44, F_NODEID = 45, F_OUTCOME = 46, F_IMMORTAL = 47, F_UNSEEN = 48, F_CALL = 49, F_BLOCK = 50,
            F_SIZE = 51, F_NEW = 52, F_VIEWS = 53, F_MORE_VIEWS = 54, F_STACK = 55, F_NEW_SIZE = 56, F_THREADING = 57,
            F_DISCIPLINE = 58, F_START_SEQ = 59, F_UNKNOWN = 60, F_BEGIN = 61, FIELD_CODES = 62;

    private static int code(String name) {
        return switch (name) {
            case "seq" -> F_SEQ;
            case "tid" -> F_TID;
            case "kind" -> F_KIND;
            case "exporter" -> F_EXPORTER;
            case "type" -> F_TYPE;
            case "view" -> F_VIEW;
            case "flags" -> F_FLAGS;
            case "ok" -> F_OK;
            case "error" -> F_ERROR;
            case "obj_before" -> F_OBJ_BEFORE;
            case "obj" -> F_OBJ;
            case "buf" -> F_BUF;
            case "len" -> F_LEN;
            case "readonly" -> F_READONLY;
            case "itemsize" -> F_ITEMSIZE;
            case "ndim" -> F_NDIM;
            case "format" -> F_FORMAT;
            case "shape" -> F_SHAPE;
            case "strides" -> F_STRIDES;
            case "suboffsets" -> F_SUBOFFSETS;
            case "shape_ptr" -> F_SHAPE_PTR;
            case "strides_ptr" -> F_STRIDES_PTR;
            case "suboffsets_ptr" -> F_SUBOFFSETS_PTR;
            case "internal" -> F_INTERNAL;
            case "rc" -> F_RC;
            case "counter" -> F_COUNTER;
            case "exports" -> F_EXPORTS;
            case "has_releasebuffer" -> F_HAS_RELEASEBUFFER;
            case "object" -> F_OBJECT;
            case "op" -> F_OP;
            case "holder" -> F_HOLDER;
            case "holder_type" -> F_HOLDER_TYPE;
            case "base" -> F_BASE;
            case "reexporter" -> F_REEXPORTER;
            case "events" -> F_EVENTS;
            case "end" -> F_END;
            case "finalized" -> F_FINALIZED;
            case "version" -> F_VERSION;
            case "producer" -> F_PRODUCER;
            case "python" -> F_PYTHON;
            case "pid" -> F_PID;
            case "start" -> F_START;
            case "attached" -> F_ATTACHED;
            case "argv" -> F_ARGV;
            case "phase" -> F_PHASE;
            case "nodeid" -> F_NODEID;
            case "outcome" -> F_OUTCOME;
            case "immortal" -> F_IMMORTAL;
            case "unseen_acquires" -> F_UNSEEN;
            case "call" -> F_CALL;
            case "block" -> F_BLOCK;
            case "size" -> F_SIZE;
            case "new" -> F_NEW;
            case "views" -> F_VIEWS;
            case "more_views" -> F_MORE_VIEWS;
            case "stack" -> F_STACK;
            case "new_size" -> F_NEW_SIZE;
            case "threading" -> F_THREADING;
            case "discipline" -> F_DISCIPLINE;
            case "start_seq" -> F_START_SEQ;
            default -> F_UNKNOWN;
        };
    }

    /**
     * The name that followed each field last time, and its code: the tracer writes the fields of a
     * kind in one order, so the next name is nearly always the predicted one, recognised by
     * identity (Jackson hands out canonical, interned names). A miss looks the name up and learns.
     */
    private final String[] nextName = new String[FIELD_CODES];
    private final int[] nextCode = new int[FIELD_CODES];

    private void field(JsonParser p, int code, String name) throws IOException, DecodeException {
        switch (code) {
            case F_SEQ -> { seq = integer(p, name); seqSet = true; }
            case F_TID -> { tid = integer(p, name); tidSet = true; }
            case F_KIND -> kind = symbol(p, name, false);
            case F_EXPORTER -> ref(p, name, EXPORTER);
            case F_TYPE -> type = symbol(p, name, false);
            case F_VIEW -> ref(p, name, VIEW);
            case F_FLAGS -> { flags = integer(p, name); flagsSet = true; }
            case F_OK -> { ok = bool(p, name); okSet = true; }
            case F_ERROR -> { error = symbol(p, name, true); errorSet = true; }
            case F_OBJ_BEFORE -> ref(p, name, OBJ_BEFORE);
            case F_OBJ -> ref(p, name, OBJ);
            case F_BUF -> {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    pointerPair(p, name);
                } else {
                    ref(p, name, BUF);
                }
            }
            case F_LEN -> { len = integer(p, name); lenSet = true; }
            case F_READONLY -> readonly = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? integer(p, name) != 0 : bool(p, name);
            case F_ITEMSIZE -> { itemsize = integer(p, name); itemsizeSet = true; }
            case F_NDIM -> { ndim = integer(p, name); ndimSet = true; }
            case F_FORMAT -> { format = symbol(p, name, true); formatSet = true; }
            case F_SHAPE -> pointerOrValues(p, name, SHAPE);
            case F_STRIDES -> pointerOrValues(p, name, STRIDES);
            case F_SUBOFFSETS -> pointerOrValues(p, name, SUBOFFSETS);
            case F_SHAPE_PTR -> ref(p, name, SHAPE_PTR);
            case F_STRIDES_PTR -> ref(p, name, STRIDES_PTR);
            case F_SUBOFFSETS_PTR -> ref(p, name, SUBOFFSETS_PTR);
            case F_INTERNAL -> ref(p, name, INTERNAL);
            case F_RC -> rc = pair(p, name);
            case F_COUNTER -> ref(p, name, COUNTER);
            case F_EXPORTS -> {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    exportsPair = pair(p, name);
                } else if (p.currentToken() != JsonToken.VALUE_NULL) {
                    exportsOne = integer(p, name);
                    exportsOneSet = true;
                }
            }
            case F_HAS_RELEASEBUFFER -> { hasRb = bool(p, name); hasRbSet = true; }
            case F_OBJECT -> ref(p, name, OBJECT);
            case F_OP -> op = symbol(p, name, false);
            case F_HOLDER -> ref(p, name, HOLDER);
            case F_HOLDER_TYPE -> holderType = symbol(p, name, true);
            case F_BASE -> ref(p, name, BASE);
            case F_REEXPORTER -> ref(p, name, REEXPORTER);
            case F_EVENTS -> { events = integer(p, name); eventsSet = true; }
            case F_END -> end = string(p, name, true);
            case F_FINALIZED -> finalized = bool(p, name);
            case F_VERSION -> { version = integer(p, name); versionSet = true; }
            case F_PRODUCER -> producer = string(p, name, true);
            case F_PYTHON -> python = string(p, name, true);
            case F_PID -> { pid = integer(p, name); pidSet = true; }
            case F_START -> start = string(p, name, true);
            case F_ATTACHED -> attached = string(p, name, false);
            case F_ARGV -> argv = strings(p, name);
            case F_PHASE -> phase = string(p, name, false);
            case F_NODEID -> nodeid = string(p, name, false);
            case F_OUTCOME -> outcome = string(p, name, true);
            case F_IMMORTAL -> immortal = bool(p, name);
            case F_UNSEEN -> unseen = integer(p, name);
            case F_CALL -> call = symbol(p, name, false);
            case F_BLOCK -> ref(p, name, BLOCK);
            case F_SIZE -> { size = integer(p, name); sizeSet = true; }
            case F_NEW -> ref(p, name, NEW_BLOCK);
            case F_VIEWS -> hits = hits(p, name);
            case F_MORE_VIEWS -> moreViews = integer(p, name);
            case F_STACK -> stack = strings(p, name);
            case F_NEW_SIZE -> newSize = integer(p, name);
            case F_THREADING -> threading = string(p, name, false);
            case F_DISCIPLINE -> discipline = string(p, name, false);
            case F_START_SEQ -> { startSeq = integer(p, name); startSeqSet = true; }
            default -> p.skipChildren();
        }
    }

    // ---- building the records ----------------------------------------------------------------

    private Acquire acquire(long line) throws DecodeException {
        long s = seq(), t = tid();
        ObjectId exporter = id(EXPORTER, "exporter");
        String ty = type();
        long view = pointer(VIEW, "view", true);
        if (!flagsSet) throw missing("flags", "an integer (the PyBUF_* flags)");
        if (!okSet) throw missing("ok", "true or false (bf_getbuffer returned 0)");
        long objBefore = pointer(OBJ_BEFORE, "obj_before", false);
        if (refState[OBJ] == ABSENT) throw missing("obj", ok ? "the id in view->obj" : "the raw pointer in view->obj, or null");
        ObjectId obj = null;
        long objAfter;
        ViewFields fields = null;
        if (ok) {
            obj = refState[OBJ] == NULL ? null : id(OBJ, "obj");
            objAfter = obj == null ? Pointers.NULL : obj.address();
            fields = fields();
        } else {
            objAfter = refState[OBJ] == NULL ? Pointers.NULL : refAddr[OBJ];
        }
        ObjectId counter = refState[COUNTER] == VALUE ? id(COUNTER, "counter") : null;
        return new Acquire(line, s, t, exporter, ty, view, (int) flags, ok, errorSet ? error : null, objBefore,
                obj, objAfter, fields, observedRc(), counter, exportsPair(true), startSeq(s));
    }

    private Release release(long line) throws DecodeException {
        long s = seq(), t = tid();
        ObjectId exporter = id(EXPORTER, "exporter");
        String ty = type();
        long view = pointer(VIEW, "view", true);
        ViewFields fields = fields();
        if (!hasRbSet) throw missing("has_releasebuffer", "true or false (the type has bf_releasebuffer)");
        ObjectId counter = refState[COUNTER] == VALUE ? id(COUNTER, "counter") : null;
        return new Release(line, s, t, exporter, ty, view, fields, hasRb, observedRc(), counter, exportsPair(true),
                startSeq(s));
    }

    /** {@code start_seq} of a free-threaded call: a seq below the event's own (where the call ended). */
    private long startSeq(long s) throws DecodeException {
        if (!startSeqSet) return Acquire.ATOMIC;
        if (startSeq < 0 || startSeq >= s) {
            throw new DecodeException("start_seq", "the seq at which the call started, below the event's seq " + s,
                    Long.toString(startSeq));
        }
        return startSeq;
    }

    /**
     * The reference count around the call, or null (absent) for an immortal exporter: from
     * CPython 3.12 its count does not move with references (and from 3.14 reads with flag bits),
     * so it says nothing about the references views hold. This is the model's rule: in
     * tla/BufferProtocol.tla, RefCountCoversReferences and NoLeakedReference do not judge an
     * exporter for which IsImmortal holds.
     */
    private Counts observedRc() {
        return immortal ? null : rc;
    }

    private ViewFields fields() throws DecodeException {
        long b = pointer(BUF, "buf", false);
        if (refState[BUF] == ABSENT) throw missing("buf", "the view's buf pointer (or null)");
        if (!lenSet) throw missing("len", "the view's len, an integer");
        return new ViewFields(b, len, readonly, itemsizeSet ? itemsize : 1, ndimSet ? (int) ndim : 1,
                format == null ? null : intern(format), arrayPointer(SHAPE_PTR, SHAPE, "shape"),
                arrayPointer(STRIDES_PTR, STRIDES, "strides"), arrayPointer(SUBOFFSETS_PTR, SUBOFFSETS, "suboffsets"),
                pointer(INTERNAL, "internal", false));
    }

    private Resize resize(long line) throws DecodeException {
        long s = seq(), t = tid();
        ObjectId exporter = id(EXPORTER, "exporter");
        String ty = type();
        if (op == null) throw missing("op", "the operation (append, resize, close, write, truncate, ...)");
        if (!okSet) throw missing("ok", "true or false (the operation succeeded)");
        if (refState[BUF] != ABSENT) throw new DecodeException("buf", "[before, after], two pointers", "a single value");
        return new Resize(line, s, t, exporter, ty, intern(op), ok, errorSet ? error : null, exportsOne(), bufPair);
    }

    private Freed freed(long line) throws DecodeException {
        long s = seq(), t = tid();
        if (call == null) throw missing("call", "the allocator call (free, realloc, munmap, PyMem_Free, ...)");
        long b = pointer(BLOCK, "block", true);
        if (!sizeSet) throw missing("size", "the freed block's size in bytes, an integer");
        if (hits == null) throw missing("views", "an array of {view, obj, field}: the live views under the block");
        return new Freed(line, s, t, call, b, size, pointer(NEW_BLOCK, "new", false), newSize, hits, moreViews,
                stack == null ? List.of() : stack);
    }

    /** {@code views} of a freed event: [{"view": pointer, "obj": id, "field": "buf"}, ...] */
    private List<Freed.Hit> hits(JsonParser p, String field) throws IOException, DecodeException {
        String expected = "an array of objects {\"view\": pointer, \"obj\": id, \"field\": name}";
        if (p.currentToken() != JsonToken.START_ARRAY) throw new DecodeException(field, expected, describe(p));
        List<Freed.Hit> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) throw new DecodeException(field, expected, describe(p));
            refState[HIT_VIEW] = ABSENT;
            refState[HIT_OBJ] = ABSENT;
            String what = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String n = p.currentName();
                p.nextToken();
                switch (n) {
                    case "view" -> ref(p, "views.view", HIT_VIEW);
                    case "obj" -> ref(p, "views.obj", HIT_OBJ);
                    case "field" -> what = symbol(p, "views.field", false);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw new DecodeException(field, expected, describe(p));
            if (what == null) throw missing("views.field", "which memory of the view: buf, shape, strides, suboffsets, format");
            out.add(new Freed.Hit(pointer(HIT_VIEW, "views.view", true), id(HIT_OBJ, "views.obj"), what));
        }
        return List.copyOf(out);
    }

    private Chain chain(long line) throws DecodeException {
        long s = seq(), t = tid();
        if (op == null) throw missing("op", "one of hold, register, unregister, drop, refuse");
        return switch (op) {
            case "hold" -> new Chain.Hold(line, s, t, id(HOLDER, "holder"), holderType == null ? null : intern(holderType),
                    pointer(VIEW, "view", true), refState[BASE] == NULL ? null : id(BASE, "base"));
            case "register" -> new Chain.Register(line, s, t, id(HOLDER, "holder"), id(REEXPORTER, "reexporter"));
            case "unregister" -> new Chain.Unregister(line, s, t, id(HOLDER, "holder"), id(REEXPORTER, "reexporter"));
            case "drop" -> new Chain.Drop(line, s, t, id(HOLDER, "holder"), pointer(VIEW, "view", true), id(BASE, "base"));
            case "refuse" -> new Chain.Refuse(line, s, t, id(REEXPORTER, "reexporter"), error);
            default -> throw new DecodeException("op", "one of hold, register, unregister, drop, refuse", quote(op));
        };
    }

    private Header header(long line) throws DecodeException {
        if (!formatSet || format == null) throw missing("format", "\"" + Header.FORMAT + "\"");
        if (!Header.FORMAT.equals(format)) throw new DecodeException("format", "\"" + Header.FORMAT + "\"", quote(format));
        if (!versionSet) throw missing("version", "the format version, an integer");
        Attachment a;
        if (attached == null || attached.equals("start")) {
            a = Attachment.START;
        } else if (attached.equals("midrun")) {
            a = Attachment.MIDRUN;
        } else {
            throw new DecodeException("attached", "\"start\" or \"midrun\"", quote(attached));
        }
        if (threading != null && !threading.equals("gil") && !threading.equals("free")) {
            throw new DecodeException("threading", "\"gil\" or \"free\" (a free-threaded build)", quote(threading));
        }
        boolean free = "free".equals(threading);
        if (free && discipline == null) {
            throw missing("discipline", "with threading \"free\", the discipline table to judge by: one of "
                    + String.join(", ", Header.DISCIPLINES));
        }
        if (discipline != null && !Header.DISCIPLINES.contains(discipline)) {
            throw new DecodeException("discipline", "one of " + String.join(", ", Header.DISCIPLINES), quote(discipline));
        }
        if (discipline != null && !free) {
            throw new DecodeException("discipline", "only with threading \"free\"", quote(discipline));
        }
        return new Header(line, format, (int) version, producer, python, pidSet ? pid : null, start, argv, a,
                free ? discipline : null);
    }

    private Footer footer(long line) throws DecodeException {
        long s = seq(), t = tid();
        if (!eventsSet) throw missing("events", "the number of events written, an integer");
        return new Footer(line, s, t, events, end, finalized, unseen);
    }

    private TestMark testMark(long line) throws DecodeException {
        long s = seq(), t = tid();
        if (phase == null) throw missing("phase", "\"start\" or \"end\"");
        TestMark.Phase ph = switch (phase) {
            case "start" -> TestMark.Phase.START;
            case "end" -> TestMark.Phase.END;
            default -> throw new DecodeException("phase", "\"start\" or \"end\"", quote(phase));
        };
        if (nodeid == null) throw missing("nodeid", "the test's id, a string");
        return new TestMark(line, s, t, ph, nodeid, outcome);
    }

    private long seq() throws DecodeException {
        if (!seqSet) throw missing("seq", "an integer sequence number");
        return seq;
    }

    private long tid() throws DecodeException {
        if (!tidSet) throw missing("tid", "an integer thread id");
        return tid;
    }

    private String type() throws DecodeException {
        if (type == null) throw missing("type", "the exporter's type name");
        return intern(type);
    }

    private Long exportsOne() throws DecodeException {
        if (exportsPair != null) throw new DecodeException("exports", "a single integer for this kind", "an array");
        return exportsOneSet ? exportsOne : null;
    }

    private Counts exportsPair(boolean pairKind) throws DecodeException {
        if (exportsOneSet) throw new DecodeException("exports", "[before, after], two integers", String.valueOf(exportsOne));
        return exportsPair;
    }

    private ObjectId id(int slot, String field) throws DecodeException {
        return switch (refState[slot]) {
            case ABSENT -> throw missing(field, "an object id \"0x<hex>#<incarnation>\"");
            case NULL -> throw new DecodeException(field, "an object id \"0x<hex>#<incarnation>\"", "null");
            default -> {
                if (refGen[slot] < 0) {
                    throw new DecodeException(field, "an object id \"0x<hex>#<incarnation>\"",
                            "the bare pointer \"" + Pointers.format(refAddr[slot]) + "\"");
                }
                yield objectId(refAddr[slot], refGen[slot]);
            }
        };
    }

    /**
     * The instance of a recently decoded id, by its hash (direct-mapped): equal ids on a line and
     * on lines near each other (an object's events) share one ObjectId, so most ids allocate
     * nothing and equality checks end at the identity test.
     */
    private final ObjectId[] recentIds = new ObjectId[1024];

    private ObjectId objectId(long address, int incarnation) {
        int slot = Hashing.mix(address ^ incarnation) & (recentIds.length - 1);
        ObjectId id = recentIds[slot];
        if (id != null && id.address() == address && id.incarnation() == incarnation) return id;
        id = new ObjectId(address, incarnation);
        recentIds[slot] = id;
        return id;
    }

    private long pointer(int slot, String field, boolean required) throws DecodeException {
        return switch (refState[slot]) {
            case ABSENT -> {
                if (required) throw missing(field, "a pointer \"0x<hex>\"");
                yield Pointers.NULL;
            }
            case NULL -> {
                if (required) throw new DecodeException(field, "a pointer \"0x<hex>\"", "null");
                yield Pointers.NULL;
            }
            default -> {
                if (refGen[slot] >= 0) {
                    throw new DecodeException(field, "a pointer \"0x<hex>\" (not an object id)",
                            quote(Pointers.format(refAddr[slot]) + "#" + refGen[slot]));
                }
                yield refAddr[slot];
            }
        };
    }

    private static DecodeException missing(String field, String expected) {
        return new DecodeException(field, expected, "nothing (field missing)");
    }

    // ---- token readers -----------------------------------------------------------------------

    private static long integer(JsonParser p, String field) throws IOException, DecodeException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw new DecodeException(field, "an integer", describe(p));
        try {
            return p.getLongValue();
        } catch (JsonProcessingException e) {
            throw new DecodeException(field, "an integer that fits in 64 bits", p.getText());
        }
    }

    private static boolean bool(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE) return false;
        throw new DecodeException(field, "true or false", describe(p));
    }

    private static String string(JsonParser p, String field, boolean nullable) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (nullable && t == JsonToken.VALUE_NULL) return null;
        throw new DecodeException(field, nullable ? "a string or null" : "a string", describe(p));
    }

    private static List<String> strings(JsonParser p, String field) throws IOException, DecodeException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_ARRAY) throw new DecodeException(field, "an array of strings", describe(p));
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(string(p, field, false));
        }
        return out;
    }

    private static Counts pair(JsonParser p, String field) throws IOException, DecodeException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        String expected = "[before, after], two integers";
        if (p.currentToken() != JsonToken.START_ARRAY) throw new DecodeException(field, expected, describe(p));
        p.nextToken();
        long a = pairElement(p, field, expected);
        p.nextToken();
        long b = pairElement(p, field, expected);
        if (p.nextToken() != JsonToken.END_ARRAY) throw new DecodeException(field, expected, "more than two elements");
        return Counts.of(a, b);
    }

    private static long pairElement(JsonParser p, String field, String expected) throws IOException, DecodeException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw new DecodeException(field, expected, describe(p));
        return p.getLongValue();
    }

    private void pointerPair(JsonParser p, String field) throws IOException, DecodeException {
        String expected = "[before, after], two pointers";
        p.nextToken();
        ref(p, field, BUF_BEFORE);
        p.nextToken();
        ref(p, field, BUF_AFTER);
        if (p.nextToken() != JsonToken.END_ARRAY) throw new DecodeException(field, expected, "more than two elements");
        bufPair = new Counts(pointer(BUF_BEFORE, field, false), pointer(BUF_AFTER, field, false));
    }

    /**
     * {@code shape}, {@code strides}, {@code suboffsets}: either the pointer itself (a string), or
     * the values (an array of integers, as the tracer writes them) with the pointer in the
     * {@code *_ptr} field next to it. The values are checked for type and otherwise skipped.
     */
    private void pointerOrValues(JsonParser p, String field, int slot) throws IOException, DecodeException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            ref(p, field, slot);
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw new DecodeException(field, "an array of integers, a pointer \"0x<hex>\" or null", describe(p));
            }
        }
        refState[slot] = NULL; // the pointer, if any, is in the *_ptr field
    }

    /** The pointer of an array field: from {@code <field>_ptr} when present, else from the field itself. */
    private long arrayPointer(int ptrSlot, int slot, String field) throws DecodeException {
        if (refState[ptrSlot] != ABSENT) return pointer(ptrSlot, field + "_ptr", false);
        return pointer(slot, field, false);
    }

    /** The value of each lower-case hex digit, -1 for any other ASCII character. */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int d = 0; d < 10; d++) HEX['0' + d] = (byte) d;
        for (int d = 0; d < 6; d++) HEX['a' + d] = (byte) (10 + d);
    }

    /** Parses {@code "0x<hex>"} or {@code "0x<hex>#<n>"} (lower-case hex) or null into a slot. */
    private void ref(JsonParser p, String field, int slot) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            refState[slot] = NULL;
            return;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new DecodeException(field, "a string \"0x<hex>\" (pointers are strings) or null", describe(p));
        }
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        int n = p.getTextLength();
        int end = o + n;
        if (n < 3 || c[o] != '0' || c[o + 1] != 'x') throw badRef(field, c, o, n);
        long addr = 0;
        int i = o + 2;
        int digits = 0;
        for (; i < end; i++) {
            char ch = c[i];
            int d = ch < 128 ? HEX[ch] : -1;
            if (d < 0) break;
            addr = (addr << 4) | d;
            digits++;
        }
        if (digits == 0 || digits > 16) throw badRef(field, c, o, n);
        int gen = -1;
        if (i < end) {
            if (c[i] != '#' || i + 1 == end) throw badRef(field, c, o, n);
            long g = 0;
            for (i++; i < end; i++) {
                char ch = c[i];
                if (ch < '0' || ch > '9' || g > Integer.MAX_VALUE / 10) throw badRef(field, c, o, n);
                g = g * 10 + (ch - '0');
            }
            if (g > Integer.MAX_VALUE) throw badRef(field, c, o, n);
            gen = (int) g;
        }
        refAddr[slot] = addr;
        refGen[slot] = gen;
        refState[slot] = VALUE;
    }

    private static DecodeException badRef(String field, char[] c, int o, int n) {
        return new DecodeException(field, "lower-case hex \"0x<hex>\" (pointer) or \"0x<hex>#<n>\" (object id)",
                quote(new String(c, o, Math.min(n, 60))));
    }

    private static String intern(String s) {
        return s; // symbols are interned as they are read
    }

    /** A string that repeats (kind, type, op, format, error): interned from the parser's buffer. */
    private String symbol(JsonParser p, String field, boolean nullable) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return interner.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (nullable && t == JsonToken.VALUE_NULL) return null;
        throw new DecodeException(field, nullable ? "a string or null" : "a string", describe(p));
    }

    /**
     * As {@link #describe}, for a token outside an object (a line that is no object): a string
     * there is not read until described, so its own syntax error is what is found.
     */
    static String describeTopLevel(JsonParser p) throws IOException {
        try {
            return describe(p);
        } catch (JsonProcessingException x) {
            return "a string that does not parse (" + x.getOriginalMessage() + ")";
        }
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) return "end of line";
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> quote(p.getText());
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }
}

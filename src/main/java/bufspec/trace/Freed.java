package bufspec.trace;

import java.util.List;

/**
 * Memory under live views was freed or moved ({@code kind: "freed"}): the tracer's memory watch
 * saw {@code call} free, move or shrink the block at {@code block} ({@code size} bytes) while it
 * overlapped memory that live views point into.
 *
 * @param call     the allocator call: {@code free}, {@code realloc}, {@code reallocarray},
 *                 {@code munmap}, {@code mremap}, {@code PyMem_Free}, {@code PyObject_Realloc}, ...
 * @param newBlock where a realloc/mremap left the block ({@link Pointers#NULL} when freed or not given);
 *                 equal to {@code block} when it shrunk in place to {@code newSize} bytes
 * @param hits     the live views whose memory the block overlapped (at most 16; {@code moreViews} more)
 * @param stack    the Python stack of the call, innermost first ("file:line function"); empty
 *                 when the call ran without the GIL or inside the allocator
 */
public record Freed(long line, long seq, long tid, String call, long block, long size, long newBlock,
                    long newSize, List<Hit> hits, long moreViews, List<String> stack) implements Event {

    /** One live view under the freed block: its struct, its {@code view->obj}, and which of its memory. */
    public record Hit(long view, ObjectId obj, String field) implements java.io.Serializable {}

    @Override public String kind() { return "freed"; }

    /** What happened to the block, for messages: "freed", "moved to 0x..", "shrunk in place to N bytes". */
    public String what() {
        if (newBlock == Pointers.NULL) return "freed";
        if (newBlock == block) return "shrunk in place to " + newSize + " bytes";
        return "moved to " + Pointers.format(newBlock);
    }

    @Override
    public String summary() {
        StringBuilder s = new StringBuilder("freed ").append(call).append(": ").append(Pointers.format(block))
                .append(" (").append(size).append(" bytes) ").append(what()).append(", under the ")
                .append(hits.isEmpty() ? "memory" : hits.get(0).field()).append(" of ").append(hits.size() + moreViews)
                .append(" live view(s)");
        if (!stack.isEmpty()) s.append(" at ").append(stack.get(0));
        return s.toString();
    }
}

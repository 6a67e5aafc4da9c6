package bufspec.replay;

/** A view already released: remembered (boundedly) to recognise a second release through a copy. */
record ReleasedView(LiveView view, long releaseLine, long releaseStruct) implements java.io.Serializable {}

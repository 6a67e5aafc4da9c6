package bufspec.result;

/**
 * What a validation saw in one log.
 *
 * @param events                events read (header and footer included)
 * @param exporters             distinct object incarnations that took part
 * @param views                 successful acquires
 * @param failedAcquires        refused acquires
 * @param viewsLiveAtEnd        views acquired and not released when the log ended
 * @param releasesBeforeTracing releases of views acquired before a mid-run attach
 * @param toleratedCounterExcess counter readings above the live views that a documented quirk allows
 */
public record Stats(long events, long exporters, long views, long failedAcquires, long viewsLiveAtEnd,
                    long releasesBeforeTracing, long toleratedCounterExcess) {}

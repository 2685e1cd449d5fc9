package io.socketeer.adminui.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Occurrences of one kind of event within one second, in {@code server_stats.aggregatedEvents}; the UI's
 * dashboard draws its histograms from them.
 *
 * @param timestamp the second, in milliseconds since the epoch
 * @param type e.g. {@code rawConnection}
 * @param subType e.g. the disconnection reason, or {@code null}
 * @param count how many
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregatedEvent(long timestamp, String type, String subType, long count) {
}

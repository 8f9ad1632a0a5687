package org.energytrace.ingest.store;

import java.time.Instant;
import org.energytrace.ingest.model.Quality;

/** A reading that was newly stored (not a duplicate), as published on the live feed. */
public record StoredReading(
    String enterprise,
    String site,
    String meter,
    String channel,
    String unit,
    String kind,
    Instant ts,
    double value,
    Quality quality) {}

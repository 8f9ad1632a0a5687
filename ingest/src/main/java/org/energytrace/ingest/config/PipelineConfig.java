package org.energytrace.ingest.config;

import java.time.Duration;

/**
 * How messages are validated, batched and stored (YAML section {@code ingest}).
 *
 * @param autoRegister register meters and channels on first sight, at the sites their (registered)
 *     gateway may publish for; never an enterprise, a site, a gateway or a grant. When false,
 *     points of unknown meters or channels are quarantined unless the gateway's own policy allows
 *     it
 * @param clockSkew how far in the future a timestamp may be
 * @param maxAge how far in the past a timestamp may be
 * @param batchMaxRows points (readings and production counts) per database transaction
 * @param batchMaxWait how long a batch waits to fill before it is written
 * @param retryDelay pause before retrying a batch after a transient database failure
 * @param inFlight batches written concurrently, each on its own database connection (1..16, at most
 *     the pool size); acknowledgements still leave in the order the messages arrived
 * @param batchMaxBytes payload bytes per batch: a batch closes once it holds this many (or {@code
 *     batchMaxRows} rows), so it holds at most this plus one message; with the hand-over queue's
 *     byte bound it caps what the pipeline holds
 * @param stallTimeout readiness reports the pipeline DOWN when a message has waited longer than
 *     this and nothing was acknowledged for as long
 */
public record PipelineConfig(
    boolean autoRegister,
    int maxPayloadBytes,
    Duration clockSkew,
    Duration maxAge,
    int batchMaxRows,
    Duration batchMaxWait,
    Duration retryDelay,
    int inFlight,
    long batchMaxBytes,
    Duration stallTimeout) {
  public static final int MAX_IN_FLIGHT = 16;
  public static final long DEFAULT_BATCH_MAX_BYTES = 16L << 20;
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

  /** With the default byte bound and stall timeout. */
  public PipelineConfig(
      boolean autoRegister,
      int maxPayloadBytes,
      Duration clockSkew,
      Duration maxAge,
      int batchMaxRows,
      Duration batchMaxWait,
      Duration retryDelay,
      int inFlight) {
    this(
        autoRegister,
        maxPayloadBytes,
        clockSkew,
        maxAge,
        batchMaxRows,
        batchMaxWait,
        retryDelay,
        inFlight,
        Math.max(DEFAULT_BATCH_MAX_BYTES, maxPayloadBytes),
        DEFAULT_STALL_TIMEOUT);
  }

  public PipelineConfig {
    if (maxPayloadBytes < 1024) {
      throw new IllegalArgumentException("max payload bytes must be at least 1024");
    }
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clock skew must not be negative");
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("max age must be positive");
    }
    if (batchMaxRows < 1 || batchMaxRows > 100_000) {
      throw new IllegalArgumentException("batch max rows must be 1..100000");
    }
    if (batchMaxWait.isNegative() || batchMaxWait.isZero()) {
      throw new IllegalArgumentException("batch max wait must be positive");
    }
    if (retryDelay.isNegative() || retryDelay.isZero()) {
      throw new IllegalArgumentException("retry delay must be positive");
    }
    if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("in-flight batches must be 1.." + MAX_IN_FLIGHT);
    }
    if (batchMaxBytes < 1) {
      throw new IllegalArgumentException("batch max bytes must be positive");
    }
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stall timeout must be positive");
    }
  }

  public PipelineConfig withAutoRegister(boolean value) {
    return RecordCopy.with(this, "autoRegister", value);
  }

  public PipelineConfig withBatchMaxBytes(long value) {
    return RecordCopy.with(this, "batchMaxBytes", value);
  }

  public PipelineConfig withStallTimeout(Duration value) {
    return RecordCopy.with(this, "stallTimeout", value);
  }
}

package io.callbill.api.reference;

import io.callbill.avro.Agency;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes reference data (full replacements) on their compacted topics. Each future completes once the write is
 * durable in Kafka, or exceptionally with {@link io.callbill.api.UnavailableException}.
 */
public interface ReferenceDataWriter {

  CompletableFuture<Void> putCaller(Caller caller);

  /** Also waits (bounded) until the local receiver directory shows the write, so the next request reads it. */
  CompletableFuture<Void> putReceiver(Receiver receiver);

  CompletableFuture<Void> putAgency(Agency agency);

  CompletableFuture<Void> putLevelConfig(LevelConfig levelConfig);

  CompletableFuture<Void> putPlatformConfig(PlatformConfig platformConfig);
}

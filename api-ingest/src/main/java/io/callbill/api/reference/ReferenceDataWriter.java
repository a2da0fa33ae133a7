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

  /**
   * The receiver's profile, and, since it names an {@code onlineStatus}, that status on the receiver-status topic
   * too (which wins over the profile's). Also waits (bounded) until the local receiver directory shows the write, so
   * the next request reads it.
   */
  CompletableFuture<Void> putReceiver(Receiver receiver);

  /**
   * Only the receiver's online status, on its own topic: never the profile, so a status change cannot undo an
   * admin's change to it (review, level, block list) made meanwhile.
   */
  CompletableFuture<Void> putReceiverStatus(String receiverId, boolean online);

  CompletableFuture<Void> putAgency(Agency agency);

  CompletableFuture<Void> putLevelConfig(LevelConfig levelConfig);

  CompletableFuture<Void> putPlatformConfig(PlatformConfig platformConfig);
}

package io.callbill.api.support;

import io.callbill.api.reference.ReferenceDataWriter;
import io.callbill.api.view.ReceiverDirectory;
import io.callbill.avro.Agency;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reference data in memory: records every write, and serves the receivers written (or seeded) as the directory.
 */
public final class FakeReferenceData implements ReferenceDataWriter, ReceiverDirectory {

  private final List<Object> written = new CopyOnWriteArrayList<>();
  private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;

  @Override
  public CompletableFuture<Void> putCaller(Caller caller) {
    return record(caller);
  }

  @Override
  public CompletableFuture<Void> putReceiver(Receiver receiver) {
    CompletableFuture<Void> result = record(receiver);
    if (failure == null) {
      receivers.put(receiver.getReceiverId(), receiver);
    }
    return result;
  }

  @Override
  public CompletableFuture<Void> putReceiverStatus(String receiverId, boolean online) {
    CompletableFuture<Void> result = record(new ReceiverStatus(receiverId, online, WebLayerFakes.NOW));
    Receiver profile = receivers.get(receiverId);
    if (failure == null && profile != null) {
      receivers.put(receiverId, Receiver.newBuilder(profile).setOnlineStatus(online).build());
    }
    return result;
  }

  @Override
  public CompletableFuture<Void> putAgency(Agency agency) {
    return record(agency);
  }

  @Override
  public CompletableFuture<Void> putLevelConfig(LevelConfig levelConfig) {
    return record(levelConfig);
  }

  @Override
  public CompletableFuture<Void> putPlatformConfig(PlatformConfig platformConfig) {
    return record(platformConfig);
  }

  @Override
  public Optional<Receiver> find(String receiverId) {
    return Optional.ofNullable(receivers.get(receiverId));
  }

  /** A receiver already known, without recording a write. */
  public void seed(Receiver receiver) {
    receivers.put(receiver.getReceiverId(), receiver);
  }

  public List<Object> written() {
    return written;
  }

  public Object lastWritten() {
    return written.get(written.size() - 1);
  }

  public void failWrites(RuntimeException failure) {
    this.failure = failure;
  }

  public void reset() {
    written.clear();
    receivers.clear();
    failure = null;
  }

  private CompletableFuture<Void> record(Object value) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    written.add(value);
    return CompletableFuture.completedFuture(null);
  }
}

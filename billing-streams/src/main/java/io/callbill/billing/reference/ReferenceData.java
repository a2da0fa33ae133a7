package io.callbill.billing.reference;

import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import io.callbill.billing.BillingStores;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Read access to the reference data a caller's partition needs: profiles, levels and platform settings. */
public final class ReferenceData {

  /** Key of the single platform configuration record. */
  public static final String PLATFORM_CONFIG_KEY = "platform";

  private static final PlatformConfig NO_PLATFORM_CONFIG = PlatformConfig.newBuilder().build();

  private final KeyValueStore<String, Caller> callers;
  private final KeyValueStore<String, Receiver> receivers;
  private final KeyValueStore<String, ReceiverStatus> receiverStatus;
  private final KeyValueStore<String, LevelConfig> levelConfigs;
  private final KeyValueStore<String, PlatformConfig> platformConfig;

  public ReferenceData(ProcessingContext context) {
    callers = context.getStateStore(BillingStores.CALLER_PROFILES);
    receivers = context.getStateStore(BillingStores.RECEIVERS);
    receiverStatus = context.getStateStore(BillingStores.RECEIVER_STATUS);
    levelConfigs = context.getStateStore(BillingStores.LEVEL_CONFIGS);
    platformConfig = context.getStateStore(BillingStores.PLATFORM_CONFIG);
  }

  public Optional<Caller> caller(String callerId) {
    return Optional.ofNullable(callers.get(callerId));
  }

  public Optional<Receiver> receiver(String receiverId) {
    return Optional.ofNullable(receivers.get(receiverId));
  }

  /**
   * Whether the receiver is online: her last status on the receiver-status topic, or, before she or an admin ever
   * set one there, the profile's {@code onlineStatus}.
   */
  public boolean isOnline(Receiver receiver) {
    ReceiverStatus status = receiverStatus.get(receiver.getReceiverId());
    return status != null ? status.getOnlineStatus() : receiver.getOnlineStatus();
  }

  public Optional<LevelConfig> levelConfig(int level) {
    return Optional.ofNullable(levelConfigs.get(Integer.toString(level)));
  }

  /** The platform settings, or the seed's defaults (no minimum, no admin share) when none was published. */
  public PlatformConfig platformConfig() {
    PlatformConfig config = platformConfig.get(PLATFORM_CONFIG_KEY);
    return config != null ? config : NO_PLATFORM_CONFIG;
  }
}

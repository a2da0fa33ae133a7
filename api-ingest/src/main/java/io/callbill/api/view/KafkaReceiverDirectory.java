package io.callbill.api.view;

import io.callbill.api.UnavailableException;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import java.util.Optional;

/**
 * {@link ReceiverDirectory} over {@link TopicView}s of the receivers and receiver-status topics: the profile with
 * its effective online status (her last status when she or an admin set one, else the profile's), as billing sees it.
 */
public final class KafkaReceiverDirectory implements ReceiverDirectory {

  private final TopicView<Receiver> receivers;
  private final TopicView<ReceiverStatus> statuses;

  public KafkaReceiverDirectory(TopicView<Receiver> receivers, TopicView<ReceiverStatus> statuses) {
    this.receivers = receivers;
    this.statuses = statuses;
  }

  @Override
  public Optional<Receiver> find(String receiverId) {
    if (!receivers.isReady() || !statuses.isReady()) {
      throw new UnavailableException("The API is still loading receivers from Kafka; retry shortly.");
    }
    return receivers.get(receiverId).map(profile -> statuses.get(receiverId)
        .filter(status -> status.getOnlineStatus() != profile.getOnlineStatus())
        .map(status -> Receiver.newBuilder(profile).setOnlineStatus(status.getOnlineStatus()).build())
        .orElse(profile));
  }
}

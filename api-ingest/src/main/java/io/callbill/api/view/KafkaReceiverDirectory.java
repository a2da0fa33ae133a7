package io.callbill.api.view;

import io.callbill.api.UnavailableException;
import io.callbill.avro.Receiver;
import java.util.Optional;

/** {@link ReceiverDirectory} over a {@link TopicView} of the receivers topic. */
public final class KafkaReceiverDirectory implements ReceiverDirectory {

  private final TopicView<Receiver> receivers;

  public KafkaReceiverDirectory(TopicView<Receiver> receivers) {
    this.receivers = receivers;
  }

  @Override
  public Optional<Receiver> find(String receiverId) {
    if (!receivers.isReady()) {
      throw new UnavailableException("The API is still loading receivers from Kafka; retry shortly.");
    }
    return receivers.get(receiverId);
  }
}

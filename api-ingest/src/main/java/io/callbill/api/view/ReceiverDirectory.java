package io.callbill.api.view;

import io.callbill.avro.Receiver;
import java.util.Optional;

/**
 * The receivers as last published on the receivers topic, with their effective online status (receiver-status
 * wins), read locally. Throws
 * {@link io.callbill.api.UnavailableException} while the local copy is still loading.
 */
public interface ReceiverDirectory {

  Optional<Receiver> find(String receiverId);
}

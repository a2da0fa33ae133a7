package io.callbill.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

  @Test
  void aRetryWithTheSameKeyIsTheSameCommand() {
    assertThat(CommandIds.fromIdempotencyKey("caller", "c1", "POST", "/male-user/calls/end", "k1"))
        .isEqualTo(CommandIds.fromIdempotencyKey("caller", "c1", "POST", "/male-user/calls/end", "k1"));
  }

  @Test
  void theSameKeyFromAnotherUserRoleOrRouteIsAnotherCommand() {
    String id = CommandIds.fromIdempotencyKey("caller", "c1", "POST", "/male-user/calls/end", "k1");

    assertThat(CommandIds.fromIdempotencyKey("caller", "c2", "POST", "/male-user/calls/end", "k1")).isNotEqualTo(id);
    assertThat(CommandIds.fromIdempotencyKey("admin", "c1", "POST", "/male-user/calls/end", "k1")).isNotEqualTo(id);
    assertThat(CommandIds.fromIdempotencyKey("caller", "c1", "POST", "/male-user/calls/start", "k1"))
        .isNotEqualTo(id);
    assertThat(CommandIds.fromIdempotencyKey("caller", "c1", "POST", "/male-user/calls/end", "k2")).isNotEqualTo(id);
  }

  @Test
  void derivedIdsAreUuidsOfVersion8AndRandomOnesDiffer() {
    UUID derived = UUID.fromString(CommandIds.fromIdempotencyKey("caller", "c1", "GET", "/x", "k"));

    assertThat(derived.version()).isEqualTo(8);
    assertThat(derived.variant()).isEqualTo(2);
    assertThat(CommandIds.random()).isNotEqualTo(CommandIds.random());
  }
}

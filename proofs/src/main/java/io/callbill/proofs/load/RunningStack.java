package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.stack.LocalTokens;
import io.callbill.stack.StackLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A running local stack as {@code .callbill/stack.json} describes it: where the API and PostgreSQL answer, and the
 * stack's JWT secret. Only loopback targets are accepted: load and hostile input never leave this machine.
 */
public record RunningStack(URI apiUrl, String jdbcUrl, String jdbcUser, String jdbcPassword, String jwtSecret) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the stack's files; throws {@link StackUnavailableException} with what to do when there is none. */
  public static RunningStack of(StackLayout layout) {
    if (!Files.isRegularFile(layout.stackJson())) {
      throw new StackUnavailableException("no running stack: " + layout.stackJson()
          + " does not exist; start one with ./callbill up (or set CALLBILL_STACK_DIR to its state directory)");
    }
    JsonNode info;
    try {
      info = JSON.readTree(Files.readString(layout.stackJson()));
    } catch (IOException e) {
      throw new StackUnavailableException("cannot read " + layout.stackJson() + ": " + e.getMessage());
    }
    if (!Files.isRegularFile(layout.jwtSecret())) {
      throw new StackUnavailableException("no JWT secret at " + layout.jwtSecret() + ": is the stack in "
          + layout.root() + " started with ./callbill up?");
    }
    RunningStack stack = new RunningStack(URI.create(text(info, "apiUrl", layout)), text(info, "jdbcUrl", layout),
        text(info, "jdbcUser", layout), text(info, "jdbcPassword", layout),
        LocalTokens.secret(layout.jwtSecret()));
    requireLoopback("apiUrl", stack.apiUrl.getHost());
    requireLoopback("jdbcUrl", URI.create(stack.jdbcUrl.substring("jdbc:".length())).getHost());
    return stack;
  }

  /** The running stack and a client of its API, once it answers its health check; else StackUnavailableException. */
  public static Target connect(StackLayout layout) {
    RunningStack stack = of(layout);
    Api api = new Api(stack.apiUrl());
    stack.requireRunning(api);
    return new Target(stack, api);
  }

  /** A stack that answered, with the client that asked it. */
  public record Target(RunningStack stack, Api api) {
  }

  private static String text(JsonNode info, String field, StackLayout layout) {
    JsonNode value = info.get(field);
    if (value == null || !value.isTextual()) {
      throw new StackUnavailableException(layout.stackJson() + " has no " + field);
    }
    return value.asText();
  }

  static void requireLoopback(String what, String host) {
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new StackUnavailableException(what + " points at " + host
            + ": only a stack on this machine (127.0.0.1) may be the target");
      }
    } catch (UnknownHostException e) {
      throw new StackUnavailableException(what + " has an unknown host: " + host);
    }
  }

  /** A token for {@code subject} in {@code role}, signed with the stack's secret, valid for two hours. */
  public String token(String subject, String role) {
    return LocalTokens.token(jwtSecret, subject, role, Duration.ofHours(2), Instant.now());
  }

  public Connection database() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
  }

  /** Fails with a clear message unless the API answers its health check. */
  public void requireRunning(Api api) {
    Api.Answer health;
    try {
      health = api.get("/actuator/health", null);
    } catch (RuntimeException e) {
      throw new StackUnavailableException("the stack is not running: " + apiUrl + " does not answer ("
          + e.getMessage() + "); start it with ./callbill up");
    }
    if (health.status() != 200) {
      throw new StackUnavailableException("the stack at " + apiUrl + " is not ready (health answers "
          + health.status() + "); wait for 'callbill ready' and retry");
    }
  }

  /** The stack is missing, not running, or not on this machine. */
  public static final class StackUnavailableException extends RuntimeException {
    public StackUnavailableException(String message) {
      super(message);
    }
  }
}

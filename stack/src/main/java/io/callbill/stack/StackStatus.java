package io.callbill.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * {@code ./callbill status}: each part of the running stack as {@code stack.json} has it, checked against the
 * process table, so a stack that was killed (and could not delete its {@code stack.json}) is not reported running.
 */
final class StackStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StackStatus() {
  }

  /** Prints one line per part; returns the exit code: 0 when every part runs, 1 otherwise. */
  static int print(String stackJson, LongPredicate alive, PrintStream out) {
    JsonNode stack;
    try {
      stack = JSON.readTree(stackJson);
    } catch (JsonProcessingException e) {
      out.println("(stack.json cannot be read: " + e.getOriginalMessage() + ")");
      return 1;
    }
    JsonNode parts = stack.path("parts");
    if (!parts.isObject() || parts.isEmpty()) {
      out.println("(no part states in stack.json: the stack is still starting, or predates ./callbill status)");
      return 1;
    }
    boolean allRunning = true;
    out.printf("%-16s %-11s %8s %9s  %s%n", "part", "state", "pid", "restarts", "since");
    for (Map.Entry<String, JsonNode> part : parts.properties()) {
      JsonNode value = part.getValue();
      String state = value.path("state").asText();
      long pid = value.path("pid").asLong();
      if (state.equals("running") && !alive.test(pid)) {
        state = "gone";
      }
      allRunning &= state.equals("running");
      out.printf("%-16s %-11s %8d %9s  %s%n", part.getKey(), state, pid, value.path("restarts").asText(),
          value.path("since").asText());
    }
    printUrl(stack, "billingMetricsUrl", "billing metrics", out);
    printUrl(stack, "apiMetricsUrl", "api metrics", out);
    return allRunning ? 0 : 1;
  }

  private static void printUrl(JsonNode stack, String key, String label, PrintStream out) {
    JsonNode url = stack.get(key);
    if (url != null && url.isTextual()) {
      out.printf("%-16s %s%n", label, url.asText());
    }
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}

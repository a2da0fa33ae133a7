package io.callbill.stack;

import java.io.PrintStream;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./callbill status}: each part of the running stack as {@code stack.json} has it, checked against the
 * process table, so a stack that was killed (and could not delete its {@code stack.json}) is not reported running.
 */
final class StackStatus {

  private static final Pattern PART = Pattern.compile(
      "\"([a-z-]+)\":\\{\"state\":\"([a-z]+)\",\"pid\":(\\d+),\"restarts\":(\\d+),\"since\":\"([^\"]+)\"}");

  private StackStatus() {
  }

  /** Prints one line per part; returns the exit code: 0 when every part runs, 1 otherwise. */
  static int print(String stackJson, LongPredicate alive, PrintStream out) {
    Matcher part = PART.matcher(stackJson);
    boolean allRunning = true;
    boolean any = false;
    out.printf("%-16s %-11s %8s %9s  %s%n", "part", "state", "pid", "restarts", "since");
    while (part.find()) {
      any = true;
      String state = part.group(2);
      long pid = Long.parseLong(part.group(3));
      if (state.equals("running") && !alive.test(pid)) {
        state = "gone";
      }
      allRunning &= state.equals("running");
      out.printf("%-16s %-11s %8d %9s  %s%n", part.group(1), state, pid, part.group(4), part.group(5));
    }
    if (!any) {
      out.println("(no part states in stack.json: the stack is still starting, or predates ./callbill status)");
      return 1;
    }
    printUrl(stackJson, "billingMetricsUrl", "billing metrics", out);
    printUrl(stackJson, "apiMetricsUrl", "api metrics", out);
    return allRunning ? 0 : 1;
  }

  private static void printUrl(String stackJson, String key, String label, PrintStream out) {
    Matcher url = Pattern.compile("\"" + key + "\":\"([^\"]+)\"").matcher(stackJson);
    if (url.find()) {
      out.printf("%-16s %s%n", label, url.group(1));
    }
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}

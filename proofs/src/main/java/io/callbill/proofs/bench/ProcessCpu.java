package io.callbill.proofs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process has used, user plus system, read from {@code /proc/<pid>/stat} (Linux). Clock ticks are taken
 * as 100 a second, the USER_HZ of every Linux the project runs on.
 */
final class ProcessCpu {

  static final int TICKS_PER_SECOND = 100;

  private ProcessCpu() {
  }

  /** Seconds of CPU process {@code pid} has used so far. */
  static double seconds(long pid) {
    try {
      return ofStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  /**
   * Seconds of CPU the JIT compiler threads of JVM {@code pid} have used so far ({@code /proc/<pid>/task/*}, the
   * threads named "C1 CompilerThread..." and "C2 CompilerThread..."): what a fresh JVM spends compiling rather than
   * billing. A lower bound: a compiler thread the JVM stopped (it starts and stops them as the queue needs) takes its
   * time with it.
   */
  static double compilerSeconds(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    double seconds = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        if (isCompilerThread(stat)) {
          seconds += ofStat(stat);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the threads of process " + pid, e);
    }
    return seconds;
  }

  /** Whether a stat line is a JIT compiler thread's (field 2, the name, cut to 15 characters by the kernel). */
  static boolean isCompilerThread(String stat) {
    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /**
   * utime + stime (fields 14 and 15) of a stat line. The command name (field 2) is in parentheses and may hold
   * spaces, so the fields are counted from the last ')'.
   */
  static double ofStat(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) TICKS_PER_SECOND;
  }
}

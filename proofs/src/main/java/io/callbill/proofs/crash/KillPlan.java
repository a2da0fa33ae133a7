package io.callbill.proofs.crash;

import io.callbill.stack.LocalStack.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When to kill what, drawn from a seed so that a run can be repeated: each kill happens once a random share (10 % to
 * 90 %) of the calls is settled, in a shuffled order of parts, and the part stays down a random 0 to 3 s before its
 * restart. Progress rather than wall time: the moments fall inside the load whatever the machine's speed.
 */
record KillPlan(long seed, List<Kill> kills) {

  record Kill(Part part, int afterSettledCalls, long downMillis) {
  }

  static KillPlan draw(long seed, int calls, int billingKills, int connectKills, int brokerKills) {
    Random random = new Random(seed);
    List<Part> parts = new ArrayList<>();
    parts.addAll(Collections.nCopies(billingKills, Part.BILLING));
    parts.addAll(Collections.nCopies(connectKills, Part.CONNECT));
    parts.addAll(Collections.nCopies(brokerKills, Part.KAFKA));
    Collections.shuffle(parts, random);
    List<Integer> moments = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      moments.add(calls / 10 + random.nextInt(Math.max(1, calls * 8 / 10)));
    }
    Collections.sort(moments);
    List<Kill> kills = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      kills.add(new Kill(parts.get(i), moments.get(i), random.nextInt(3_001)));
    }
    return new KillPlan(seed, List.copyOf(kills));
  }

  long count(Part part) {
    return kills.stream().filter(kill -> kill.part() == part).count();
  }
}

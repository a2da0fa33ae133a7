package io.callbill.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The launcher's small argument parsers; a bad argument is an {@link IllegalArgumentException} (exit 2). */
final class Arguments {

  private Arguments() {
  }

  /** {@code --name value} pairs, each name one of {@code known}; anything else names {@code usage}. */
  static Map<String, String> options(List<String> args, List<String> known, String usage) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option: " + name + "\n" + usage);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value\n" + usage);
      }
      options.put(name, args.get(++i));
    }
    return options;
  }

  static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value);
    }
  }
}

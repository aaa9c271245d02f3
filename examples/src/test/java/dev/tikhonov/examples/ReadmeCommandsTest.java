package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's commands run as pasted: in every {@code ```bash} block of README.md, each file or run
 * folder a {@code ./tikhonov} command reads ({@code --data}, {@code --model} of a file, {@code
 * --resume}, {@code report DIR}) must be in the repository (relative to its root, where the
 * launcher is run from), or written by an earlier command of the same block ({@code --save},
 * {@code --out}), or optional data under {@code /usr/share/datasets/}, which the README says
 * how to install. A command that names a file a new user does not have fails with "file not
 * found" when pasted into a fresh clone; this test fails first. The same holds for the
 * "Examples:" of every command's {@code --help} (cli and bench sources), each source one block.
 */
class ReadmeCommandsTest {
  static final Path ROOT = Path.of("..");
  static final String OPTIONAL_DATA = "/usr/share/datasets/";

  static final Pattern BASH_FENCE = Pattern.compile("^\\s*```(bash|sh|shell)\\s*$");
  static final Pattern FENCE = Pattern.compile("^\\s*```");
  // `--model` of train, grid and select is a specification (linear, logistic, mlp:256,128).
  static final Pattern HELP_EXAMPLE = Pattern.compile("^\\s*\"\\s+tikhonov ([^\"]*)\"");
  static final Pattern MODEL_SPEC = Pattern.compile("linear|logistic|mlp(:[0-9,]+)?");

  /** One command of a block: its line in the file and its words (a trailing comment dropped). */
  record Command(int line, List<String> words) {}

  /** The {@code ./tikhonov} commands of each bash block of the file, block by block. */
  static List<List<Command>> blocks(Path file) throws IOException {
    List<List<Command>> out = new ArrayList<>();
    List<Command> block = null;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (block == null) {
        if (BASH_FENCE.matcher(line).matches()) {
          block = new ArrayList<>();
        }
      } else if (FENCE.matcher(line).find()) {
        out.add(block);
        block = null;
      } else {
        int comment = line.indexOf(" #");
        String code = (comment < 0 ? line : line.substring(0, comment)).trim();
        if (code.startsWith("./tikhonov ")) {
          block.add(new Command(i + 1, List.of(code.split("\\s+"))));
        }
      }
    }
    return out;
  }

  /**
   * One line per path a command of the file reads that is neither under {@code root} nor
   * written by an earlier command of its block nor optional data: file:line: flag path: why.
   */
  static List<String> missingInputs(Path root, Path file) throws IOException {
    return missingInputs(root, file.getFileName().toString(), blocks(file));
  }

  /** {@link #missingInputs(Path, Path)} for commands already parsed, named {@code where}. */
  static List<String> missingInputs(Path root, String where, List<List<Command>> blocks) {
    List<String> missing = new ArrayList<>();
    for (List<Command> block : blocks) {
      Set<String> written = new HashSet<>();
      for (Command command : block) {
        List<String> words = command.words();
        String verb = words.size() > 1 ? words.get(1) : "";
        List<String[]> reads = new ArrayList<>();
        for (int k = 1; k + 1 < words.size(); k++) {
          String flag = words.get(k);
          String value = words.get(k + 1);
          boolean readsAPath = flag.equals("--data") || flag.equals("--resume")
              || (flag.equals("--model") && !MODEL_SPEC.matcher(value).matches());
          if (readsAPath) {
            reads.add(new String[] {flag, value});
          }
        }
        if (verb.equals("report") && words.size() > 2 && !words.get(2).startsWith("-")) {
          reads.add(new String[] {"report", words.get(2)});
        }
        for (String[] read : reads) {
          String path = read[1];
          boolean found = written.contains(Path.of(path).normalize().toString())
              || path.startsWith(OPTIONAL_DATA)
              || (!Path.of(path).isAbsolute() && Files.exists(root.resolve(path)));
          if (!found) {
            missing.add(where + ":" + command.line() + ": " + read[0] + " " + path
                + ": not in the repository, not written by an earlier command of the block, "
                + "not under " + OPTIONAL_DATA);
          }
        }
        for (int k = 1; k + 1 < words.size(); k++) {
          if (words.get(k).equals("--save") || words.get(k).equals("--out")) {
            written.add(Path.of(words.get(k + 1)).normalize().toString());
          }
        }
      }
    }
    return missing;
  }

  @Test
  void readme_everyFileACommandReads_existsOrIsWrittenBefore() throws IOException {
    Path readme = ROOT.resolve("README.md");
    List<List<Command>> blocks = blocks(readme);
    int commands = blocks.stream().mapToInt(List::size).sum();
    assertTrue(commands > 20, "README.md's ./tikhonov commands found from "
        + ROOT.toAbsolutePath() + ": " + commands);
    List<String> missing = missingInputs(ROOT, readme);
    assertTrue(missing.isEmpty(), "README commands that would fail with 'file not found' when "
        + "pasted into a fresh clone:\n" + String.join("\n", missing));
  }

  /**
   * The examples of a command's {@code --help}, lines {@code "  tikhonov train --data …"} of a
   * Java source (a trailing {@code (comment)} dropped), as one block run from the repo's root.
   */
  static List<Command> helpExamples(Path javaFile) throws IOException {
    List<Command> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(javaFile, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = HELP_EXAMPLE.matcher(lines.get(i));
      if (m.find()) {
        String code = m.group(1).replaceAll("\\s+\\(.*$", "").trim();
        out.add(new Command(i + 1, List.of(("./tikhonov " + code).split("\\s+"))));
      }
    }
    return out;
  }

  @Test
  void cliHelpExamples_everyFileTheyRead_exists() throws IOException {
    List<String> missing = new ArrayList<>();
    int examples = 0;
    for (String module : List.of("cli", "bench")) {
      List<Path> sources;
      try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        List<Command> commands = helpExamples(source);
        examples += commands.size();
        missing.addAll(missingInputs(ROOT, source.getFileName().toString(), List.of(commands)));
      }
    }
    assertTrue(examples >= 5, "--help examples found: " + examples);
    assertTrue(missing.isEmpty(), "--help examples that name a file nobody has:\n"
        + String.join("\n", missing));
  }

  @Test
  void helpExamples_whenAFileIsMadeUp_namesIt(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("data/real.csv"), "x,y\n1,2\n");
    Path source = root.resolve("ExampleCommand.java");
    Files.writeString(source, String.join("\n",
        "@Command(footer = {\"Examples:\",",
        "    \"  tikhonov train --lambda 1e-4          (MLP on bundled MNIST)\",",
        "    \"  tikhonov train --data data/real.csv --target y --model linear\",",
        "    \"  tikhonov train --data house.csv --target price   (a house.csv)\",",
        "    \"\"})", ""));

    List<String> missing = missingInputs(root, "ExampleCommand.java",
        List.of(helpExamples(source)));

    assertEquals(List.of("ExampleCommand.java:4: --data house.csv: not in the repository, not "
        + "written by an earlier command of the block, not under /usr/share/datasets/"), missing);
  }

  @Test
  void missingInputs_whenAFileIsMadeUp_namesItsLineAndFlag(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("data/real.csv"), "x,y\n1,2\n");
    Files.writeString(root.resolve("README.md"), String.join("\n",
        "```bash",
        "./tikhonov train --data data/real.csv --target y --model linear --save m.model",
        "./tikhonov predict --model m.model --data data/real.csv --out p.csv   # reads m.model",
        "./tikhonov train --model mlp:64 --out run1",
        "./tikhonov train --resume run1",
        "./tikhonov report run1",
        "./tikhonov train --data /usr/share/datasets/fashion-mnist --lambda 1e-4",
        "./tikhonov train --data house.csv --target price --model linear",
        "./tikhonov evaluate --model other.model",
        "./tikhonov report runs/train-20261124-090000",
        "```",
        "```bash",
        "./tikhonov train --resume run1     # run1 was written in another block",
        "```",
        "```",
        "./tikhonov train --data not-bash.csv",
        "```", ""));

    List<String> missing = missingInputs(root, root.resolve("README.md"));

    assertEquals(4, missing.size(), String.join("\n", missing));
    assertTrue(missing.get(0).startsWith("README.md:8: --data house.csv: not in the repository"),
        missing.get(0));
    assertTrue(missing.get(1).startsWith("README.md:9: --model other.model: "), missing.get(1));
    assertTrue(missing.get(2).startsWith("README.md:10: report runs/train-20261124-090000: "),
        missing.get(2));
    assertTrue(missing.get(3).startsWith("README.md:13: --resume run1: "), missing.get(3));
  }
}

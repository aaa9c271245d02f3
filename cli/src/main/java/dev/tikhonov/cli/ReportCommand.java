package dev.tikhonov.cli;

import dev.tikhonov.report.HtmlReport;
import dev.tikhonov.report.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tikhonov report DIR}: rebuilds DIR/report.html from the files a run left there, and
 * records its charts in the run's list of files ({@code HtmlReport.write}).
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(
    name = "report",
    header = "Rebuild a run's report.html and charts from the files in its folder.",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild DIR/report.html (and DIR/charts/*.svg, *.png) from the files a train, path,",
      "ridge, select, grid or experiment run left in DIR (docs/formats.md). The report is one",
      "self-contained HTML file. A file of the run that is missing is named in a warning.",
      "The charts it draws are added to the list of the run's files in DIR/run.json, so that",
      "a later run into DIR removes them."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "a run directory (--out DIR of a run)")
  Path dir;

  @Override
  public Integer call() {
    RunLock.acquireForReport(dir); // a run at work in dir draws its own report at its end
    // A warning, not a refusal: the files are the user's to draw (a hand-edited label, say),
    // but a report of two runs' files must not pass for one run's.
    // "reads", not "draws": a file no run writes (a history row deleted) is refused after.
    // An entry of run.json's list that names no file in dir (a NUL in its path failed the whole
    // report with the JDK's "Nul character not allowed", naming no run.json; "../x" and "/etc/x"
    // were passed over without a word): a warning, not a refusal, since the report reads no file
    // by the list, and no run reads or removes one by such an entry; the report of the files
    // that are there is still the run's.
    HtmlReport.unusableListEntries(dir)
        .forEach(u -> System.err.println("tikhonov: warning: " + u));
    List<String> changed = HtmlReport.changedFiles(dir);
    if (!changed.isEmpty()) {
      boolean one = changed.size() == 1; // "history.csv … differs", "… reads it as it is"
      System.err.println("tikhonov: warning: " + String.join(", ", changed)
          + " in " + dir + (one ? " differs" : " differ") + " from what "
          + dir.resolve("run.json") + " records: written by a later run stopped before its end,"
          + " or edited by hand; the report reads " + (one ? "it as it is" : "them as they are")
          + " now, beside the rest of the run that run.json describes");
    }
    List<Path> before = charts(dir);
    // A run's file deleted or moved since (path.csv, weights.json) went without a word, exit 0:
    // the report was drawn from the rest as if it were the whole run. (Without the file it is
    // drawn from, write refuses the folder, exit 2.) Looked for before write, which records in
    // run.json the charts it drew: a "files" that was not a list became one of charts alone.
    List<String> missing = HtmlReport.missingFiles(dir);
    Path report = HtmlReport.write(dir);
    if (!missing.isEmpty()) {
      boolean one = missing.size() == 1;
      String kind = RunDirectory.detect(dir).kind().title(); // "ridge", "experiment mnist-l2"
      System.err.println("tikhonov: warning: " + String.join(", ", missing) + " in " + dir
          + (one ? " is" : " are") + " missing, though " + (kind.startsWith("e") ? "an " : "a ")
          + kind + " run writes " + (one ? "it" : "them") + " (deleted or moved since, or the"
          + " run stopped before " + (one ? "it" : "them") + "); the report is drawn from the"
          + " files that are there");
    }
    // Ending a run stopped while it drew its report removes the earlier run's charts that this
    // report did not redraw (HtmlReport.write), which went without a word.
    List<Path> after = charts(dir);
    List<Path> removed = before.stream().filter(p -> !after.contains(p)).toList();
    if (!removed.isEmpty()) {
      spec.commandLine().getOut().println("removed " + removed.size()
          + (removed.size() == 1 ? " chart" : " charts") + " of an earlier run in " + dir
          + " that this report did not redraw: " + String.join(", ",
              removed.stream().map(p -> dir.relativize(p).toString()).toList()));
    }
    spec.commandLine().getOut().println("wrote " + Main.shown(report));
    return 0;
  }

  /** The files in {@code dir}/charts, sorted; none when there is no such folder. */
  private static List<Path> charts(Path dir) {
    Path charts = dir.resolve("charts");
    if (!java.nio.file.Files.isDirectory(charts, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(charts)) {
      return files.sorted().toList();
    } catch (java.io.IOException e) {
      return List.of(); // not listed: nothing to name (the report says why it cannot write)
    }
  }
}

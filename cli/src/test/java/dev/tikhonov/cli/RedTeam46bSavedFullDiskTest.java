package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam46b: path --save into an earlier run's folder (its report.html, run.json), on a disk
 * that fills between the model and path.json's rewrite (PathCommand.recordSaved, e81407ef).
 * The message is right that this run's run.json and report were not written, but the earlier
 * run's report.html (of α = 1) stays beside this run's new path.json and path.csv (α = 0.5),
 * read as the folder's report. When the disk fills a moment later, at the charts, the earlier
 * report.html is removed ("the earlier run's report.html, which would have been read as this
 * run's, was removed"); here it is not, nor does the message say that it is there.
 */
class RedTeam46bSavedFullDiskTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();
  private static final long PAGE = 4096;

  private static InProcess path(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--data", DIABETES, "--target",
        "progression", "--quiet", "--threads", "1", "--out", out.toString()));
    args.addAll(Arrays.asList(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  private static long pages(Path file) throws Exception {
    return (Files.size(file) + PAGE - 1) / PAGE;
  }

  @Test
  @Disabled("fails now: after the recordSaved failure the earlier run's report.html (α = 1)"
      + " is still in the folder beside the new path.json (l1_ratio 0.5)")
  void pathJsonRewriteDoesNotFit_inAnEarlierRunsFolder_leavesNoEarlierReport()
      throws Exception {
    Path probe = dir.resolve("probe");
    InProcess p = path(probe, "--l1-ratio", "0.5", "--save", dir.resolve("p.model").toString());
    assertEquals(0, p.exit(), p.err());
    long json = pages(probe.resolve("path.json"));
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "2m")) {
      Path out = small.dir().resolve("run");
      InProcess earlier = path(out);
      assertEquals(0, earlier.exit(), earlier.err());
      byte[] earlierReport = Files.readAllBytes(out.resolve("report.html"));
      assertTrue(new String(earlierReport, java.nio.charset.StandardCharsets.UTF_8)
          .contains("α = 1"));
      // room for the new path.json beside the earlier one, then (the earlier one gone) for
      // path.csv and the record of the files; not for a second new path.json
      small.leave((json + 1) * PAGE);
      Path model = dir.resolve("m.model");
      InProcess r = path(out, "--l1-ratio", "0.5", "--save", model.toString());
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.message().contains("does not record it (its \"saved\")"), r.message());
      assertTrue(new String(Files.readAllBytes(out.resolve("path.json")),
          java.nio.charset.StandardCharsets.UTF_8).contains("\"l1_ratio\" : 0.5"));
      assertFalse(Files.exists(out.resolve("report.html"))
          && Arrays.equals(earlierReport, Files.readAllBytes(out.resolve("report.html"))),
          "the earlier run's report.html (α = 1) beside this run's path.json (α = 0.5)");
    }
  }
}

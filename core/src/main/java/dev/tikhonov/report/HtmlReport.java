package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * report.html of a run directory: one self-contained page (inline CSS and SVG charts, no script,
 * no network) with the settings and the objective written out, the result tables, the charts and
 * the provenance. Built only from the files the run left (docs/formats.md), so rebuilding it from
 * the same directory gives the same page. Each chart is also written as charts/&lt;name&gt;.svg and
 * charts/&lt;name&gt;.png. Stateless: reports of different run directories may be written from
 * different threads at once; two writes into one directory each replace every file whole (temporary
 * file and rename), the last rename winning.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Writes {@code runDir/report.html} (atomically) and {@code runDir/charts/*}, and records the
   * charts in the run's list of its files (run.json's {@code "files"}, or without a run.json of
   * a run kind run.json.partial, docs/formats.md), so that a later run into the directory
   * removes them while they are as drawn; returns the report's path. A run stopped while it
   * drew its own report (its run.json written, run.json.partial still there and listing that
   * run's files) is ended as the run would have ended it: the earlier runs' charts the record
   * carries that this report did not redraw are removed, and so is run.json.partial.
   * InputException when {@code runDir} is not a run directory or a file in it is malformed.
   */
  public static Path write(Path runDir) {
    List<Path> charts = new ArrayList<>();
    RunFiles files = RunFiles.detect(runDir);
    Path report = draw(files, charts);
    RunManifest.recordCharts(runDir, files.run().kind(), charts);
    RunManifest.completeStopped(runDir, charts);
    return report;
  }

  /**
   * The files that {@code runDir}/run.json lists (its {@code "files"}, docs/formats.md) and that
   * are there but no longer of the size and SHA-256 it records, as paths inside {@code runDir}:
   * written since by a later run into the directory that was stopped before its end, or edited
   * by hand, so that a report drawn now would show them beside the rest of the run that
   * run.json describes. report.html and the charts, which {@link #write} replaces, are not
   * compared. Empty when run.json lists no files (or is not there). Reads the files once each;
   * stateless.
   */
  public static List<String> changedFiles(Path runDir) {
    return RunManifest.changed(runDir);
  }

  /**
   * The entries of {@code runDir}/run.json's list of files (its {@code "files"},
   * docs/formats.md) that name no file inside {@code runDir}, each described in one sentence
   * naming run.json, the entry (as JSON, cut when long) and what is wrong with it: not an object
   * {@code {"path", "size", "sha256"}}, a path that is not a string, holds a NUL character, is
   * absolute, leads out of {@code runDir} ({@code ..}, or a symbolic link on its way), or names
   * {@code runDir} itself; or a {@code "files"} that is no list. Such an entry is edited by
   * hand (or hostile): {@link #missingFiles} and {@link #changedFiles} pass over it, and no run
   * reads or removes a file by it. Empty when run.json is not there, not readable or its list
   * is sound. Stateless.
   */
  public static List<String> unusableListEntries(Path runDir) {
    return RunManifest.unusable(runDir);
  }

  /**
   * The files of the run in {@code runDir} that are not there, as paths inside it in the order
   * named: those run.json lists (its {@code "files"}, docs/formats.md) but report.html and the
   * charts, which {@link #write} draws anew, then, listed or not (no run.json, an older
   * tikhonov's, a list edited empty), the files the run's kind always writes: train
   * history.csv, history.json, metrics.json and weights.json, path and ridge path.json and
   * path.csv (the other kinds: none beyond the file their report is drawn from, which
   * {@link #write} requires). A report
   * drawn without them shows less than the run wrote (no weight table without weights.json),
   * or, as without path.csv, all of it from a folder that is no longer all the run left.
   * Empty when none is missing. InputException as {@link #write} when {@code runDir} is not a
   * run directory. Stateless.
   */
  public static List<String> missingFiles(Path runDir) {
    RunKind kind = RunDirectory.detect(runDir).kind();
    java.util.LinkedHashSet<String> missing =
        new java.util.LinkedHashSet<>(RunManifest.missing(runDir).orElse(List.of()));
    alwaysWritten(kind).stream()
        .filter(name -> !java.nio.file.Files.exists(runDir.resolve(name),
            java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .forEach(missing::add);
    return List.copyOf(missing);
  }

  /** What every run of {@code kind} writes, by name (its {@link RunKind} list has more). */
  private static List<String> alwaysWritten(RunKind kind) {
    return switch (kind) {
      case TRAIN -> List.of("history.csv", "history.json", "metrics.json", "weights.json");
      case PATH, RIDGE -> List.of("path.json", "path.csv");
      default -> List.of();
    };
  }

  /**
   * {@link #write} without recording the charts in the run's list of files ({@link RunWriter}
   * lists them at the run's end); adds the charts it wrote to {@code out}, as paths inside
   * {@code runDir}.
   */
  static Path draw(Path runDir, List<Path> out) {
    return draw(RunFiles.detect(runDir), out);
  }

  /**
   * {@link #draw(Path, List)} of the run's files: each parsed once, for the detection of its
   * kind, the tables and the charts, which so show the same content.
   */
  private static Path draw(RunFiles files, List<Path> out) {
    Path runDir = files.dir();
    List<ReportChart> charts = ReportCharts.of(files);
    StringBuilder charted = new StringBuilder();
    for (ReportChart c : charts) {
      String svg = ChartExport.write(c.chart(), runDir.resolve("charts"), c.name());
      out.add(Path.of("charts", c.name() + ".svg"));
      out.add(Path.of("charts", c.name() + ".png"));
      charted.append("<figure>")
          .append(ChartExport.inline(svg, "chart-" + c.name(), c.chart().getTitle()))
          .append("<figcaption>").append(Html.escape(c.caption())).append("</figcaption></figure>\n");
    }
    Path file = runDir.resolve("report.html");
    JsonFiles.writeAtomically(file, page(files, charted.toString()));
    return file;
  }

  static String page(RunFiles files, String charts) {
    Path dir = files.dir();
    RunKind kind = files.run().kind();
    JsonNode runJson = files.optionalJson("run.json").orElse(null);
    JsonNode experiment = files.optionalJson("experiment.json").orElse(null);
    String name = experiment != null ? "experiment "
        + Html.capped(experiment.path("name").asText(kind.title()), EXPERIMENT_JSON)
        : kind == RunKind.PATH && ReportTables.Ridge.of(files.paths().get(0)).isPresent()
            ? "ridge" : kind.title();
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>tikhonov report: ").append(Html.escape(name)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<header><h1>tikhonov report <span class=\"kind\">")
        .append(Html.escape(name)).append("</span></h1>\n<p class=\"dir\">")
        .append(Html.escape(dir.toAbsolutePath().normalize().toString())).append("</p></header>\n");

    out.append("<section id=\"settings\"><h2>Settings</h2>\n");
    // the experiment's own statement is the more specific one (its loss, its penalty)
    boolean experimentObjective = experiment != null && experiment.hasNonNull("objective");
    String objective = experimentObjective ? experiment.get("objective").asText()
        : runJson != null && runJson.hasNonNull("objective") ? runJson.get("objective").asText()
        : RunInfo.OBJECTIVE;
    if (!experimentObjective && objective.equals(RunInfo.OBJECTIVE) && kind == RunKind.PATH
        && files.paths().get(0).path().grouped()) {
      objective = GROUPED_OBJECTIVE; // run.json states the generic one
    }
    out.append("<p class=\"objective\">")
        .append(Html.escape(Html.capped(objective, experimentObjective ? EXPERIMENT_JSON
            : RUN_JSON)))
        .append("</p>\n")
        .append("<p class=\"note\">ℓ is ½(y−ŷ)² for squared error, −log p(y|x) for"
            + " cross-entropy (two classes or more) and μ − y·log μ for Poisson (μ = e^η, the"
            + " log-likelihood without its log y! term);"
            + " λ is the strength, α the L1 share (α = 0: ridge / weight decay, α = 1: lasso);"
            + " only weights w are penalized, biases never (vⱼ = 0).</p>\n");
    if (runJson != null && runJson.path("settings").path("standardize_target").asBoolean()) {
      out.append("<p class=\"note\">Fitted to the standardized target z = (y − mean)/sd of the"
          + " training rows (standardize_target): ℓ is ½(z − f(x))², and the training history's"
          + " losses are on z's scale; the model predicts y = sd·f(x) + mean, and the test"
          + " scores are on y's scale.</p>\n");
    }
    if (runJson != null && runJson.has("command")) {
      out.append("<p><code>tikhonov ")
          .append(Html.escape(Html.capped(runJson.path("command").asText(), RUN_JSON)));
      runJson.path("args").forEach(
          a -> out.append(' ').append(Html.escape(Html.capped(a.asText(), RUN_JSON))));
      out.append("</code></p>\n");
    }
    ObjectNode settings = JsonFiles.MAPPER.createObjectNode();
    if (experiment != null && experiment.path("settings").isObject()) {
      settings.setAll((ObjectNode) experiment.get("settings"));
    }
    JsonNode runSettings = runJson != null ? runJson.path("settings") : null;
    if (runSettings != null && runSettings.isObject()) {
      settings.setAll((ObjectNode) runSettings);
    }
    if (settings.size() > 0) {
      // run.json's settings win over experiment.json's of the same name (setAll above)
      Html.keyValueTable(settings, k -> runSettings != null && runSettings.has(k) ? RUN_JSON
          : EXPERIMENT_JSON, out);
    } else {
      out.append("<p class=\"note\">No settings recorded (no run.json or experiment.json).</p>\n");
    }
    out.append("</section>\n");

    out.append("<section id=\"results\"><h2>Results</h2>\n");
    ReportTables.of(files, out);
    out.append("</section>\n");

    out.append("<section id=\"charts\"><h2>Charts</h2>\n<div class=\"charts\">\n").append(charts)
        .append("</div>\n</section>\n");

    out.append("<section id=\"provenance\"><h2>Provenance</h2>\n");
    provenance(runJson, out);
    out.append("</section>\n");
    out.append("<footer>Rebuild this page with <code>./tikhonov report ")
        .append(Html.escape(dir.toString())).append("</code>. Charts also as SVG and PNG in"
            + " <code>charts/</code>.</footer>\n</main>\n</body>\n</html>\n");
    return out.toString();
  }

  /**
   * A grouped multinomial path's objective (docs/linear.md): each feature's K class
   * coefficients wⱼ = (wⱼ₁ … wⱼK) are one group under its Euclidean norm.
   */
  static final String GROUPED_OBJECTIVE = "J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ"
      + " [ (1−α)/2 ‖wⱼ‖₂² + α ‖wⱼ‖₂ ], wⱼ = (wⱼ₁ … wⱼK) feature j's K class coefficients,"
      + " one group (grouped multinomial)";

  private static final String RUN_JSON = "run.json";
  private static final String EXPERIMENT_JSON = "experiment.json";

  private static void provenance(JsonNode runJson, StringBuilder out) {
    if (runJson == null) {
      out.append("<p class=\"note\">run.json is missing: version, commit, seed and data of this run"
          + " are unknown.</p>\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("tikhonov version", Html.text(runJson.get("tikhonov_version"))));
    rows.add(row("git commit", runJson.path("git_commit").isNull() || !runJson.has("git_commit")
        ? "unknown" : runJson.get("git_commit").asText()));
    rows.add(row("seed", Html.text(runJson.get("seed"))));
    rows.add(row("threads", Html.text(runJson.get("threads"))));
    JsonNode data = runJson.path("data");
    rows.add(row("data", data.isObject() ? Html.text(data.get("path")) : "–"));
    rows.add(row("data SHA-256", data.isObject() ? Html.text(data.get("sha256")) : "–"));
    rows.add(row("started", Html.text(runJson.get("started"))));
    rows.add(row("wall time", runJson.hasNonNull("seconds")
        ? Html.number(runJson.get("seconds").asDouble()) + " s" : "–"));
    for (Iterator<Map.Entry<String, JsonNode>> it = runJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!KNOWN_RUN_FIELDS.contains(e.getKey())) {
        rows.add(row(e.getKey(), Html.text(e.getValue())));
      }
    }
    Html.table(List.of("", ""), rows, -1, out);
  }

  /** Shown above, or not for the reader ("files": the run's files, for the next run). */
  private static final List<String> KNOWN_RUN_FIELDS = List.of("command", "args",
      "tikhonov_version", "git_commit", "seed", "threads", "data", "started", "seconds",
      "objective", "settings", "files");

  private static List<String> row(String key, String value) {
    return List.of(Html.escape(Html.capped(key, RUN_JSON)),
        "<code>" + Html.escape(Html.capped(value, RUN_JSON)) + "</code>");
  }

  private static final String CSS = """
      :root{--ink:#1e1e1e;--muted:#5f6368;--line:#e3e3e3;--accent:#0072b2;--best:#fff4d6}
      *{box-sizing:border-box}
      body{margin:0;background:#f6f7f9;color:var(--ink);
        font:15px/1.5 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Roboto,sans-serif}
      main{max-width:1280px;margin:0 auto;padding:24px 28px 48px}
      header h1{margin:0;font-size:26px}
      .kind{color:var(--accent);font-weight:600}
      .dir{margin:4px 0 0;color:var(--muted);font-size:13px;word-break:break-all}
      section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;
        margin-top:20px}
      h2{margin:0 0 12px;font-size:19px;border-bottom:2px solid var(--accent);
        display:inline-block;padding-bottom:2px}
      h3{font-size:16px;margin:18px 0 8px}
      .objective{font:17px/1.4 "DejaVu Serif",Georgia,serif;background:#f1f6fb;
        border-left:4px solid var(--accent);padding:10px 14px;margin:0 0 8px;overflow-x:auto}
      .note{color:var(--muted);font-size:13.5px}
      .warn{color:#7a4100;background:#fff4e5;border-left:4px solid #e69f00;padding:6px 10px}
      code{font:13px "DejaVu Sans Mono",Menlo,Consolas,monospace;word-break:break-all}
      .table-wrap{overflow-x:auto;margin:8px 0 12px}
      table{border-collapse:collapse;font-size:13.5px;font-variant-numeric:tabular-nums}
      th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right}
      th{background:#fafafa;font-weight:600;border-bottom:2px solid #ccc;vertical-align:bottom}
      td:first-child,th:first-child{text-align:left}
      tbody tr:nth-child(even){background:#fbfbfc}
      tr.best{background:var(--best)!important;font-weight:600}
      .nb{white-space:nowrap}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(540px,100%),1fr));gap:18px}
      figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}
      svg.chart{display:block;width:100%;height:auto}
      figcaption{font-size:13px;color:var(--muted);padding:6px 4px 0}
      footer{margin-top:20px;color:var(--muted);font-size:13px}
      @media (max-width:900px){main{padding:16px 12px 32px}section{padding:12px 12px}
        table{font-size:12.5px}th,td{padding:4px 5px}}
      """;
}

package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.io.CheckpointFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume DIR} on a checkpoint edited by hand, or written by a newer tikhonov:
 * one line that names the checkpoint file and what is wrong with it. The run's flags come from
 * the checkpoint, so an error in them is not the user's command line: picocli's {@code Unknown
 * option: '--bogus'} and {@code Try 'train --help'}, or the core's {@code parameter
 * dense0.weight has shape 3x8 in the checkpoint, …} named no file.
 */
class EditedCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static byte[] checkpoint;

  @BeforeAll
  static void run() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0);
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "mlp:3", "--regression", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exit(), r.err());
    checkpoint = Files.readAllBytes(dir.resolve("run").resolve(CheckpointFile.FILE_NAME));
  }

  /**
   * A copy of the run's checkpoint in its own directory, its metadata changed by edit and
   * without header_crc32, as checkpoints written before it are: those are what the messages
   * below are for, since a checkpoint with it is refused at the edit (see
   * {@link #resume_checkpointEditedByHand_isRefusedByItsHeadersChecksum}).
   */
  private static Path edited(String name, Consumer<ObjectNode> edit) throws Exception {
    return editedByHand(name, edit.andThen(meta -> meta.remove("header_crc32")));
  }

  /** A copy of the run's checkpoint in its own directory, its metadata changed by edit. */
  private static Path editedByHand(String name, Consumer<ObjectNode> edit) throws Exception {
    long n = ByteBuffer.wrap(checkpoint, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header = (ObjectNode) JSON.readTree(
        new String(checkpoint, 8, (int) n, StandardCharsets.UTF_8));
    edit.accept((ObjectNode) header.get("__metadata__"));
    byte[] json = JSON.writeValueAsBytes(header);
    byte[] data = Arrays.copyOfRange(checkpoint, 8 + (int) n, checkpoint.length);
    Path run = Files.createDirectories(dir.resolve(name));
    Path file = run.resolve(CheckpointFile.FILE_NAME);
    Files.write(file, ByteBuffer.allocate(8 + json.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).put(data).array());
    return file;
  }

  /** The settings entry with its stored flags (settings.args) changed by edit. */
  /** Stored flags replaced by a run on d.csv of {@code model} for {@code epochs} epochs. */
  private Consumer<ObjectNode> storedFlags(String model, int epochs) {
    return args(a -> {
      a.removeAll();
      for (String flag : new String[] {"--data", dir.resolve("d.csv").toString(), "--target",
          "y", "--model", model, "--regression", "--epochs", String.valueOf(epochs),
          "--threads", "1", "--checkpoint-every", "1"}) {
        a.add(flag);
      }
    });
  }

  /** The last line of {@code r}'s stderr without its "tikhonov: error: " prefix. */
  private static String lastError(InProcess r) {
    return r.err().lines().reduce((x, y) -> y).orElseThrow().replace("tikhonov: error: ", "");
  }

  private static Consumer<ObjectNode> args(Consumer<ArrayNode> edit) {
    return meta -> {
      try {
        ObjectNode settings = (ObjectNode) JSON.readTree(meta.get("settings").textValue());
        edit.accept((ArrayNode) settings.get("args"));
        meta.put("settings", JSON.writeValueAsString(settings));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }

  @Test
  void resume_checkpointOfANewerFormatVersion_saysWhichVersionsAreRead() throws Exception {
    Path file = edited("v2", meta -> meta.put("format_version", "2"));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": checkpoint format version \"2\" is not supported; this tikhonov reads"
        + " version 1", r.message());
  }

  /**
   * A thread count below 1 in the checkpoint's settings: it said "--threads must be >= 1, got
   * 0", a flag the user did not give (--resume takes no --threads).
   */
  @Test
  void resume_storedThreadsBelowOne_nameTheCheckpoint_notAFlag() throws Exception {
    Path file = edited("threads0", storedThreads(0));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": settings.threads: expected an integer >= 1, found 0 (an edited"
        + " checkpoint?)", r.message());
  }

  /**
   * 100000 threads in the checkpoint's settings: bounded as --threads is (a warning above the
   * processors; the thread pools start no more threads than a step has parts), but the warning
   * said "--threads 100000 is more than …; use at most 2", a flag --resume does not take.
   */
  @Test
  void resume_storedThreadsAboveTheProcessors_warnNamingTheCheckpoint_notAFlag()
      throws Exception {
    Path file = edited("threads100000",
        storedFlags("mlp:3", 2).andThen(storedThreads(100000)));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals("tikhonov: warning: " + file + ": settings.threads 100000 is more than the "
        + Runtime.getRuntime().availableProcessors() + " processors of this machine; the"
        + " threads take turns on them, which slows the matrix products; the run continues"
        + " with them, as only the count it was made with continues it bit for bit (an edited"
        + " checkpoint?)", r.err().lines().filter(l -> l.contains("warning")).findFirst()
            .orElse(r.err()));
  }

  private static Consumer<ObjectNode> storedThreads(int threads) {
    return meta -> {
      try {
        ObjectNode settings = (ObjectNode) JSON.readTree(meta.get("settings").textValue());
        settings.put("threads", threads);
        meta.put("settings", JSON.writeValueAsString(settings));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }

  @Test
  void resume_storedFlagsThatDoNotParse_nameTheCheckpoint_notTheCommandLine() throws Exception {
    Path file = edited("bogus", args(a -> a.add("--bogus")));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": the train flags stored in the checkpoint (settings.args) do not"
        + " parse (an edited checkpoint?): Unknown option: '--bogus'", r.message());
  }

  @Test
  void resume_storedFlagsOfAnotherNetwork_nameTheCheckpoint() throws Exception {
    // The run's own flags with a wider hidden layer than the checkpoint's weights have.
    Path file = edited("wider", storedFlags("mlp:5", 2));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": its training state does not match the run that its stored flags"
        + " describe (an edited checkpoint?): parameter dense0.weight has shape 2x3 in the"
        + " checkpoint, the network needs 2x5", lastError(r));
  }

  /**
   * Stored flags edited to fewer epochs than the checkpoint has reached: it trained nothing and
   * rewrote the run's files, exit 0.
   */
  @Test
  void resume_storedEpochsBelowTheCheckpointsEpoch_namesTheCheckpointAndBothNumbers()
      throws Exception {
    Path file = edited("fewer", storedFlags("mlp:3", 1));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": its training state does not match the run that its stored flags"
        + " describe (an edited checkpoint?): epochs (1) is below the epoch that the checkpoint"
        + " to resume from has reached (2): a run of 1 epochs cannot have trained 2; resume with"
        + " the run's own budget, at least 2 epochs",
        lastError(r));
  }

  /**
   * A checkpoint that says its run finished (at epoch 2) while its stored flags train 3 epochs
   * without early stopping, as "finished": true edited into a checkpoint of an unfinished run
   * is: it said "--epochs (3) would have no effect", a flag the user did not give.
   */
  @Test
  void resume_finishedBeforeItsBudgetWithoutEarlyStopping_namesTheCheckpoint_notAFlag()
      throws Exception {
    Path file = edited("finished", storedFlags("mlp:3", 3));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": its training state does not match the run that its stored flags"
        + " describe (an edited checkpoint?): epochs (3) would have no effect: the checkpoint to"
        + " resume from is of a run that finished at epoch 2, not by early stopping, so at its"
        + " budget, and a finished run trains no further; to train on from its weights, start a"
        + " new fit from them (initial weights)", lastError(r));
  }

  /**
   * Stored flags without --data (edited away): it said "--resume: the training data differ
   * from the checkpoint's (bundled:mnist-10k changed since)", as if the sample tikhonov ships
   * had changed.
   */
  @Test
  void resume_storedFlagsWithoutData_sayTheyNameTheBundledSample_notThatItChanged()
      throws Exception {
    Path file = edited("nodata", args(ArrayNode::removeAll));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": the train flags stored in the checkpoint (settings.args) give no"
        + " --data, so they name the bundled MNIST sample, but the checkpoint was trained on"
        + " other data (settings.train_data_sha256); an edited checkpoint?", lastError(r));
  }

  /** The run's data file gone: it said "--data …: no such file", a flag the user did not give. */
  @Test
  void resume_storedDataThatIsGone_namesTheCheckpointAndTheFile() throws Exception {
    Path gone = dir.resolve("gone.csv");
    Path file = edited("gone", args(a -> {
      a.removeAll();
      a.add("--data").add(gone.toString()).add("--target").add("y");
    }));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": the run's training data " + gone + " (--data in its stored flags)"
        + " are not there: no such file or directory; where they are now, give them as --data"
        + " next to --resume (they must be the data the run was made with: their SHA-256 is"
        + " checked)", r.message());
  }

  /**
   * A checkpoint whose header was edited by hand (a stored flag) keeps the header_crc32 it was
   * written with: it is refused at the edit, naming the file, before its flags are believed
   * (it resumed, or failed later on what the edit made of the run).
   */
  @Test
  void resume_checkpointEditedByHand_isRefusedByItsHeadersChecksum() throws Exception {
    Path file = editedByHand("byhand", storedFlags("mlp:3", 3));
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.message().strip().matches(java.util.regex.Pattern.quote(file.toString())
        + ": the header differs from what was written \\(the CRC-32 of its metadata and tensor"
        + " entries is [0-9a-f]{8}, the checkpoint records [0-9a-f]{8}\\): edited since, or a"
        + " damaged copy\\? Copy the checkpoint again from where it was written"), r.message());
  }

  /** A --resume path that does not exist (a typo) said "no checkpoint here", as of a folder. */
  @Test
  void resume_pathThatDoesNotExist_saysSo() {
    Path typo = dir.resolve("rnu");
    InProcess r = InProcess.run("train", "--resume", typo.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--resume " + typo + ": no such file or directory; give the --out directory of"
        + " a train run with --checkpoint-every N (or its checkpoint.safetensors)", r.message());
  }

  /**
   * A run stopped after a checkpoint leaves run.json.partial with the checkpoint's size and
   * SHA-256; a byte of its weights changed since (by hand, or by a disk) was resumed without a
   * word. The difference is not proof of an edit (a stop between writing the checkpoint and
   * recording it leaves one too), so the resume warns, naming the file, and goes on.
   */
  @Test
  void resume_checkpointThatDiffersFromItsRecord_warnsNamingIt() throws Exception {
    Path same = edited("recorded", storedFlags("mlp:3", 2)).getParent();
    byte[] good = Files.readAllBytes(same.resolve(CheckpointFile.FILE_NAME));
    String record = "{\"runs\": [{\"kind\": \"train\", \"files\": [{\"path\": \""
        + CheckpointFile.FILE_NAME + "\", \"size\": " + good.length + ", \"sha256\": \""
        + dev.tikhonov.data.DataFiles.sha256(good) + "\"}]}]}";
    Files.writeString(same.resolve("run.json.partial"), record);
    InProcess asRecorded = InProcess.run("train", "--resume", same.toString(), "--quiet");
    assertEquals(0, asRecorded.exit(), asRecorded.err());
    assertFalse(asRecorded.err().contains("SHA-256"), asRecorded.err());

    // a header edited since, in a way the reader does not see (a space after the settings'
    // JSON; an unknown key, which it ignored, is refused now): it warns and continues
    Consumer<ObjectNode> note = m -> {
      storedFlags("mlp:3", 2).accept(m);
      m.put("settings", m.get("settings").textValue() + " ");
    };
    Path file = edited("changed", note);
    Files.writeString(file.getParent().resolve("run.json.partial"), record);
    InProcess r = InProcess.run("train", "--resume", file.getParent().toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().lines().anyMatch(("tikhonov: warning: " + file + " differs from the size"
        + " and SHA-256 that the run directory's run.json.partial (or run.json) records of it:"
        + " edited since the run stopped, or the run was stopped between writing it and"
        + " recording it; the run continues from the checkpoint as it is now")::equals), r.err());

    // a bit flipped in its weights: the checkpoint's own checksum refuses it (it resumed)
    Path flipped = Files.createDirectories(dir.resolve("flipped"));
    byte[] bytes = good.clone();
    long header = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    bytes[8 + (int) header] ^= 1; // the lowest bit of the first weight (float32, little-endian)
    Path damaged = flipped.resolve(CheckpointFile.FILE_NAME);
    Files.write(damaged, bytes);
    Files.writeString(flipped.resolve("run.json.partial"), record);
    InProcess refused = InProcess.run("train", "--resume", flipped.toString(), "--quiet");
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains(damaged + ": the tensors differ from what was written"),
        refused.err());
  }
}

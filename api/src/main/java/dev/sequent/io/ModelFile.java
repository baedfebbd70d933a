package dev.sequent.io;

import dev.sequent.CompileOptions;
import dev.sequent.ModelFileException;
import dev.sequent.OptimizerState;
import dev.sequent.Sequent;
import dev.sequent.Sequential;
import dev.sequent.Tensor;
import dev.sequent.Weights;
import dev.sequent.layers.WeightSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Sequent's model file: a zip archive that contains
 * <ul>
 *   <li>{@code model.json}: the format name and version, the Sequent version, the model's
 *       configuration in Keras's vocabulary, the compile settings, and an index of the arrays;
 *   <li>{@code weights/NNNN.npy}: each weight, float32, in NumPy's {@code .npy} layout;
 *   <li>{@code optimizer/NNNN_S.npy}: optionally, slot {@code S} of weight {@code NNNN}, with the
 *       step count and the shuffling generator's state in {@code model.json}.
 * </ul>
 * The layout is documented in {@code docs/model-format.md}. Writing goes to a temporary file in
 * the same directory, which is then renamed over the target, so a failed save leaves any
 * previous file intact. Reading trusts no size in the file: every array's shape must match the
 * configuration before its values are read, and entries are read with a size cap.
 */
public final class ModelFile {

    /** The value of {@code format} in {@code model.json}. */
    public static final String FORMAT = "sequent-model";
    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String MODEL_ENTRY = "model.json";
    private static final long MAX_JSON_BYTES = 16L << 20;

    private ModelFile() {
    }

    /** Everything a model file holds. */
    public record Contents(Sequential model, CompileOptions compile, Weights weights,
            Optional<OptimizerState> optimizerState, Optional<Long> shuffleState) {
    }

    /**
     * Writes a model file atomically.
     *
     * @throws ModelFileException if the file cannot be written; any previous file is left intact
     */
    public static void write(Path file, Contents contents) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new ModelFileException(file, "the directory " + directory + " does not exist; create it first");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                writeEntries(zip, contents);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new ModelFileException(file, "writing failed (" + e + "); any previous file is unchanged", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    private static void writeEntries(ZipOutputStream zip, Contents contents) throws IOException {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("format", FORMAT);
        index.put("format_version", FORMAT_VERSION);
        index.put("sequent_version", Sequent.version());
        index.put("model", ModelConfig.model(contents.model()));
        index.put("compile", ModelConfig.compile(contents.compile()));

        List<Object> weightIndex = new ArrayList<>();
        Map<String, String> weightFiles = new HashMap<>();
        int number = 0;
        for (Map.Entry<String, Tensor> weight : contents.weights().asMap().entrySet()) {
            String entryName = String.format("weights/%04d.npy", number++);
            weightFiles.put(weight.getKey(), entryName);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", weight.getKey());
            item.put("shape", shapeList(weight.getValue().shape()));
            item.put("file", entryName);
            weightIndex.add(item);
            putEntry(zip, entryName, Npy.write(weight.getValue()));
        }
        index.put("weights", weightIndex);

        if (contents.optimizerState().isPresent()) {
            OptimizerState state = contents.optimizerState().get();
            Map<String, Object> stateIndex = new LinkedHashMap<>();
            stateIndex.put("step", Long.toString(state.step()));
            contents.shuffleState().ifPresent(shuffle -> stateIndex.put("shuffle_state", Long.toString(shuffle)));
            List<Object> slots = new ArrayList<>();
            for (Map.Entry<String, List<Tensor>> weight : state.slots().entrySet()) {
                String base = weightFiles.get(weight.getKey()).replace("weights/", "optimizer/").replace(".npy", "");
                List<Object> files = new ArrayList<>();
                for (int s = 0; s < weight.getValue().size(); s++) {
                    String entryName = base + "_" + s + ".npy";
                    files.add(entryName);
                    putEntry(zip, entryName, Npy.write(weight.getValue().get(s)));
                }
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("weight", weight.getKey());
                item.put("files", files);
                slots.add(item);
            }
            stateIndex.put("slots", slots);
            index.put("optimizer_state", stateIndex);
        }
        putEntry(zip, MODEL_ENTRY, Json.write(index).getBytes(StandardCharsets.UTF_8));
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a model file written by {@link #write}.
     *
     * @throws ModelFileException naming the file and the problem: missing, not a zip archive, not
     *     a Sequent model, an unknown format version, an unknown layer type, a damaged or
     *     truncated array, or arrays whose shapes disagree with the configuration
     */
    public static Contents read(Path file) {
        Map<String, byte[]> entries = readEntries(file);
        byte[] json = entries.get(MODEL_ENTRY);
        if (json == null) {
            throw new ModelFileException(file, "it is a zip archive but has no " + MODEL_ENTRY
                    + ", so it is not a Sequent model file or it was truncated (" + MODEL_ENTRY
                    + " is written last); save the model again with CompiledModel.save");
        }
        try {
            Map<String, Object> index = ModelConfig.asObject(Json.parse(new String(json, StandardCharsets.UTF_8)),
                    MODEL_ENTRY);
            checkFormat(file, index);
            Sequential model = ModelConfig.readModel(ModelConfig.object(index, "model"));
            CompileOptions compile = ModelConfig.readCompile(ModelConfig.object(index, "compile"));
            Weights weights = readWeights(model, ModelConfig.list(index, "weights"), entries);

            Optional<OptimizerState> state = Optional.empty();
            Optional<Long> shuffle = Optional.empty();
            if (index.containsKey("optimizer_state")) {
                Map<String, Object> stateIndex = ModelConfig.object(index, "optimizer_state");
                state = Optional.of(readOptimizerState(model, stateIndex, entries));
                if (stateIndex.containsKey("shuffle_state")) {
                    shuffle = Optional.of(parseLong(ModelConfig.string(stateIndex, "shuffle_state"), "shuffle_state"));
                }
            }
            return new Contents(model, compile, weights, state, shuffle);
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
    }

    private static void checkFormat(Path file, Map<String, Object> index) {
        Object format = index.get("format");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(file, "its model.json has format " + format + " where \"" + FORMAT
                    + "\" was expected, so it is not a Sequent model file");
        }
        double version = ModelConfig.number(index, "format_version", true);
        if (version > FORMAT_VERSION || version < 1) {
            throw new ModelFileException(file, "it uses format version " + (long) version + ", but this Sequent ("
                    + Sequent.version() + ") reads versions 1 to " + FORMAT_VERSION
                    + "; load it with the Sequent version that wrote it (" + index.get("sequent_version") + ") or newer");
        }
    }

    private static Weights readWeights(Sequential model, List<Object> weightIndex, Map<String, byte[]> entries) {
        Map<String, WeightSpec> specs = model.weightSpecs();
        Weights.Builder weights = Weights.builder();
        for (int i = 0; i < weightIndex.size(); i++) {
            Map<String, Object> item = ModelConfig.asObject(weightIndex.get(i), "weights[" + i + "]");
            String name = ModelConfig.string(item, "name");
            WeightSpec spec = specs.get(name);
            if (spec == null) {
                throw new IllegalArgumentException("weight '" + name + "' does not belong to the model, which has "
                        + specs.keySet());
            }
            weights.put(name, readArray(entries, ModelConfig.string(item, "file"), spec.shape(), "weight '" + name + "'"));
        }
        Weights result = weights.build();
        model.checkWeights(result);
        return result;
    }

    private static OptimizerState readOptimizerState(Sequential model, Map<String, Object> stateIndex,
            Map<String, byte[]> entries) {
        long step = parseLong(ModelConfig.string(stateIndex, "step"), "step");
        Map<String, WeightSpec> specs = model.weightSpecs();
        Map<String, List<Tensor>> slots = new LinkedHashMap<>();
        List<Object> items = ModelConfig.list(stateIndex, "slots");
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = ModelConfig.asObject(items.get(i), "optimizer_state.slots[" + i + "]");
            String name = ModelConfig.string(item, "weight");
            WeightSpec spec = specs.get(name);
            if (spec == null) {
                throw new IllegalArgumentException("optimizer state for '" + name + "' does not match any weight");
            }
            List<Tensor> tensors = new ArrayList<>();
            for (Object entryName : ModelConfig.list(item, "files")) {
                tensors.add(readArray(entries, String.valueOf(entryName), spec.shape(), "optimizer slot of '" + name + "'"));
            }
            slots.put(name, tensors);
        }
        return new OptimizerState(step, slots);
    }

    private static Tensor readArray(Map<String, byte[]> entries, String entryName, int[] shape, String what) {
        byte[] bytes = entries.get(entryName);
        if (bytes == null) {
            throw new IllegalArgumentException(what + " should be in entry " + entryName + ", which is missing");
        }
        try {
            return Npy.read(bytes, shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " in " + entryName + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> readEntries(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            long budget = Math.max(Files.size(file) * 64, MAX_JSON_BYTES);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    budget -= read;
                    if (budget < 0) {
                        throw new ModelFileException(file, "it expands to far more data than its size allows;"
                                + " it is damaged or not a Sequent model file");
                    }
                    out.write(buffer, 0, read);
                }
                entries.put(entry.getName(), out.toByteArray());
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the file does not exist", e);
        } catch (ZipException e) {
            throw new ModelFileException(file, "it is damaged or truncated (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            throw new ModelFileException(file, "it is truncated (" + e + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "reading failed (" + e + ")", e);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(file, "it is not a zip archive (or it is empty), so it is not a Sequent"
                    + " model file; pass a file written by CompiledModel.save");
        }
        return entries;
    }

    private static List<Object> shapeList(int[] shape) {
        List<Object> list = new ArrayList<>();
        for (int dim : shape) {
            list.add(dim);
        }
        return list;
    }

    private static long parseLong(String text, String key) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number in a string but is \"" + text + "\"");
        }
    }
}

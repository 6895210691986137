package dev.neurite.spark;

import dev.neurite.onnx.Onnx;
import dev.neurite.pipeline.Pipeline;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipelines an executor JVM has built from broadcast bytes, one per model key: built at the
 * first task that needs it, shared by the tasks that run at once (prediction is thread-safe), and
 * closed, freeing its native memory, once no task holds it and more than {@link #KEEP} models
 * are held.
 */
final class ExecutorModels {

    /** Unused models kept for the next task before the least recently used is closed. */
    static final int KEEP = 4;

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Entry {
        final Pipeline pipeline;
        int users;

        Entry(Pipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    private ExecutorModels() {
    }

    /** The pipeline of {@code key}, built from {@code bytes} when this JVM has none; pair with {@link #release}. */
    static synchronized Pipeline acquire(String key, byte[] bytes) {
        Entry e = MODELS.get(key);
        if (e == null) {
            e = new Entry(Onnx.pipelineFromBytes(bytes, "the broadcast Neurite model " + key));
            MODELS.put(key, e);
        }
        e.users++;
        trim();
        return e.pipeline;
    }

    static synchronized void release(String key) {
        Entry e = MODELS.get(key);
        if (e != null) {
            e.users--;
            trim();
        }
    }

    private static void trim() {
        Iterator<Entry> it = MODELS.values().iterator();
        while (MODELS.size() > KEEP && it.hasNext()) {
            Entry e = it.next();
            if (e.users == 0) {
                it.remove();
                e.pipeline.close();
            }
        }
    }
}

package dev.neurite.kernel;

/** What to tell the user when the JVM refuses Neurite's native calls. */
public final class NativeAccess {

    private NativeAccess() {
    }

    /**
     * Why a native library could not be opened from {@code module} under
     * {@code --illegal-native-access=deny} (the announced default), and the flag that allows it.
     */
    public static String deniedMessage(Module module) {
        String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "native access is not enabled for " + (module.isNamed() ? name : "the class path")
                + "; run Java with --enable-native-access=" + name;
    }
}

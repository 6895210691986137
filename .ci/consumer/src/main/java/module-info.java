/** An application module that uses Neurite's library. */
module consumer {
    requires dev.neurite.core;
}

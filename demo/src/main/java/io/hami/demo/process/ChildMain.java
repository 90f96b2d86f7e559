package io.hami.demo.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The entry point of every child process of the demo: {@code ChildMain MAIN_CLASS ARGS...}. A daemon thread reads
 * standard input until end of file, then exits the JVM (running the command's own shutdown hooks, as SIGTERM
 * would); meanwhile {@code MAIN_CLASS.main(ARGS)} runs as usual. The parent holds the other end of the pipe, so when
 * it dies for any reason, even SIGKILL, its children follow.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ChildMain MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            watch(System.in);
            System.exit(0);
        });
        Class<?> main = Class.forName(args[0]);
        var handle = MethodHandles.publicLookup().findStatic(main, "main",
                MethodType.methodType(void.class, String[].class));
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        handle.invoke(rest);
    }

    /** Returns at end of file or on a read error: both mean the parent is gone. */
    static void watch(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything it does write is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, as end of file does
        }
    }
}

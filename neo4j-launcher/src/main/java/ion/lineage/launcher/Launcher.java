package ion.lineage.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j Community with only the Bolt connector, bound to loopback.
 *
 * Usage: Launcher --data DIR [--port 7687] [--host 127.0.0.1] [--pagecache 512m] [--heap-note]
 * Prints "NEO4J_READY bolt://host:port" on stdout once Bolt accepts connections, and shuts
 * down cleanly on SIGTERM/SIGINT (the JVM runs the shutdown hook) or when stdin closes with
 * --exit-on-stdin-close, so a crashed parent never leaves an orphan database holding the lock.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        String data = null;
        String host = "127.0.0.1";
        int port = 7687;
        String pageCache = "512m";
        String txMemory = "1g";
        boolean exitOnStdinClose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--pagecache" -> pageCache = args[++i];
                case "--tx-memory" -> txMemory = args[++i];
                case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            System.err.println("--data DIR is required");
            System.exit(2);
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(data).toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                // Loopback only and started by the project itself: no credentials to manage.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, org.neo4j.io.ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, org.neo4j.io.ByteUnit.parse(txMemory))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                // Bolt waits up to 10 s for idle connections at shutdown by default; our clients
                // have closed theirs by then, so Ctrl-C and test teardown need not wait.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
            stopped.countDown();
        }, "neo4j-shutdown"));

        // Touch the default database so it is fully started before we say ready.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("NEO4J_READY bolt://" + host + ":" + port);
        System.out.flush();

        if (exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { /* drain */ }
                } catch (Exception ignored) {
                    // stdin broken: treat like closed
                }
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }
}

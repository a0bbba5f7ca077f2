import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The floor under any restart of Gazette: a JVM that starts the Undertow Gazette ships with and answers every
 * request with one fixed body, reading no file, opening no memory and building no command line. {@code
 * bench/start} times it to its first 200 beside Gazette's restarts, on the same Java with the same kind of
 * class-data archive or AOT cache: what it takes is what no change to Gazette's own start can take away.
 * Usage: java -cp gazette.jar:floor.jar UndertowFloor PORT
 */
public class UndertowFloor {
  public static void main(String[] args) {
    ByteBuffer body = ByteBuffer.wrap("floor\n".getBytes(StandardCharsets.UTF_8));
    Undertow.builder().addHttpListener(Integer.parseInt(args[0]), "127.0.0.1").setHandler(exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
      exchange.getResponseSender().send(body.duplicate());
    }).build().start();
  }
}

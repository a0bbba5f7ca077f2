package gazette.http;

import gazette.render.Route;
import gazette.render.Routes;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;

/**
 * The server-sent events of preview mode ({@code serve --preview}) at {@code /_preview/events}: every open
 * page listens, and after each new Site it is told to reload. Only a previewing server has them.
 */
public final class PreviewEvents implements AutoCloseable {
  static final String PATH = Routes.path(new Route.PreviewEvents());
  private final ServerSentEventHandler events = new ServerSentEventHandler();

  /** The handler that answers {@code /_preview/events} and hands every other path to {@code next}. */
  HttpHandler around(HttpHandler next) {
    return exchange -> {
      if (exchange.getRequestPath().equals(PATH)) {
        events.handleRequest(exchange);
      } else {
        next.handleRequest(exchange);
      }
    };
  }

  /** Tells every open page that a new Site is up. */
  public void announce() {
    for (ServerSentEventConnection connection : events.getConnections()) {
      connection.send("reload");
    }
  }

  /** How many pages listen now. */
  public int listening() {
    return events.getConnections().size();
  }

  /** Ends every open stream, so that stopping the server does not wait for pages that never finish. */
  @Override
  public void close() {
    for (ServerSentEventConnection connection : events.getConnections()) {
      try {
        connection.close();
      } catch (IOException e) {
        // the page is gone already
      }
    }
  }
}

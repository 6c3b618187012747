//! `vigie serve`: the HTTP API and the dashboard over a database, read-only
//! (see `vigie_serve`). The first line on stdout is the dashboard's URL, so
//! scripts (and the tests) can start it on port 0 and read where it is.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;

use crate::store_cmd::DbArg;

/// `vigie serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on (port 0: any free port); loopback unless you
    /// mean to share the dashboard.
    #[arg(long, default_value = vigie_serve::DEFAULT_ADDR)]
    addr: SocketAddr,
}

/// `vigie serve`: serves until Ctrl-C.
pub fn serve(args: ServeArgs) -> Result<u8> {
    run(&args.db.path(), args.addr, "")?;
    Ok(0)
}

/// Serves `db` on `addr`, printing the URL first (and `note`, if any, on
/// stderr); returns after Ctrl-C or SIGTERM.
pub fn run(db: &Path, addr: SocketAddr, note: &str) -> Result<()> {
    let server = vigie_serve::Server::bind(&vigie_serve::Config::new(db, addr))?;
    let url = format!("http://{}/", server.local_addr());
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{url}")?;
        out.flush()?;
    }
    eprintln!(
        "vigie: serving '{}' read-only at {url} (API: {url}openapi.json){note}; Ctrl-C stops",
        db.display()
    );
    server.run()?;
    Ok(())
}

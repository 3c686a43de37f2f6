// The printed table of contents: every chapter, section and appendix with its page, and lists
// of tables and figures when the office asks for them (profile.yml: lists_of_tables) and there
// are more than a few. Parts shown on screen only (.hanya-layar) are not listed. Run in the page before printing:
// build() writes the entries with placeholder pages and marks where each target sits; the PDF
// printed then has one outline entry per mark (Chromium's outline follows headings), from
// which the pages are read; fill(pages) writes them and removes the marks.
({
  LISTED_FROM: 4,
  MARK: "@@kpu:",

  build() {
    const nav = document.querySelector("nav.daftar-isi");
    if (!nav) return 0;
    const headings = [...document.querySelectorAll("main h2, main h3")].filter(
      (h) => !nav.contains(h) && !h.closest(".sampul") && !h.closest(".hanya-layar"),
    );
    let count = 0;
    const target = (element, prefix) => {
      if (!element.id) element.id = `${prefix}-${++count}`;
      return element.id;
    };
    const text = (element) => element.textContent.replace(/\s+/g, " ").trim();
    const entry = (id, title, level) => {
      const item = document.createElement("li");
      item.className = `tingkat-${level}`;
      const link = document.createElement("a");
      link.href = `#${id}`;
      const name = document.createElement("span");
      name.className = "judul-isi";
      name.textContent = title;
      const page = document.createElement("span");
      page.className = "halaman-isi";
      page.dataset.untuk = id;
      page.textContent = "00";
      link.append(name, page);
      item.append(link);
      return item;
    };
    const contents = document.createElement("ol");
    contents.className = "isi-cetak";
    for (const heading of headings) {
      const level = heading.tagName === "H2" ? 1 : 2;
      contents.append(entry(target(heading, "judul"), text(heading), level));
    }
    nav.querySelector("ol")?.replaceWith(contents);
    const lists = [
      ["DAFTAR TABEL", "figure.tabel > figcaption", /^Tabel \d+\./],
      ["DAFTAR GAMBAR", "figure.gambar > figcaption", /^Gambar \d+\./],
    ];
    for (const [title, selector, numbered] of lists) {
      const captions = [...document.querySelectorAll(selector)].filter((c) =>
        numbered.test(text(c)),
      );
      if (!nav.hasAttribute("data-daftar-lain") || captions.length < this.LISTED_FROM) continue;
      const heading = document.createElement("h2");
      heading.className = "tanpa-nomor daftar-lain";
      heading.textContent = title;
      const list = document.createElement("ol");
      list.className = "isi-cetak";
      for (const caption of captions) {
        list.append(entry(target(caption, "keterangan"), text(caption), 1));
      }
      nav.append(heading, list);
    }
    return nav.querySelectorAll(".halaman-isi").length;
  },

  mark() {
    for (const page of document.querySelectorAll(".halaman-isi")) {
      const element = document.getElementById(page.dataset.untuk);
      if (!element) continue;
      const mark = document.createElement("h6");
      mark.className = "penanda-halaman";
      mark.textContent = `${this.MARK}${element.id}@@`;
      // An empty block at no cost to the layout, after the target's first words: a box pushed
      // to the next page leaves an empty piece of itself behind, and the outline points to
      // that. So: last in a heading (whose outline entry then carries the mark), in a table's
      // first body cell, last in a figure's caption (below the image).
      const cell = element.parentElement.querySelector(":scope table > tbody > tr > *");
      const isTable = element.parentElement.classList.contains("tabel");
      if (element.tagName === "FIGCAPTION" && isTable && cell) cell.append(mark);
      else element.append(mark);
    }
  },

  fill(pages) {
    for (const mark of document.querySelectorAll(".penanda-halaman")) mark.remove();
    for (const page of document.querySelectorAll(".halaman-isi")) {
      page.textContent = pages[page.dataset.untuk] ?? "";
    }
  },
})

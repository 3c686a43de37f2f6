// The printed table of contents: every chapter, section and appendix with its page, and lists
// of tables and figures when the office asks for them (profile.yml: lists_of_tables) and there
// are more than a few. Parts shown on screen only (.hanya-layar) are not listed. Run in the page
// before printing: build() writes the entries, each a link to its target, with its page in a box
// of fixed width; the PDF printed then names every link target's page (Chromium writes them as
// named destinations); fill(pages) writes the pages in, which moves nothing, and front() leaves
// only the front pages to print again.
({
  LISTED_FROM: 4,

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

  // Only the cover and the contents left to lay out (the contents end in a page break), for
  // printing the front pages again once their numbers are written.
  front() {
    this.hidden = [];
    let node = document.querySelector("nav.daftar-isi");
    for (; node && node !== document.body; node = node.parentElement) {
      for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
        if (next.style.display !== "none") this.hidden.push(next);
        next.style.display = "none";
      }
    }
  },

  whole() {
    for (const element of this.hidden ?? []) element.style.display = "";
  },

  fill(pages) {
    for (const page of document.querySelectorAll(".halaman-isi")) {
      page.textContent = pages[page.dataset.untuk] ?? "";
    }
  },
})

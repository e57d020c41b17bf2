import { describe, expect, it } from 'vitest'
import { slugFromTitle, SLUG_PATTERN, withUtrechtClasses } from './guidance-html'

describe('withUtrechtClasses', () => {
  it('adds Utrecht classes to headings, paragraphs, lists, links and tables', () => {
    const html = '<h2 id="gids-contact">Contact</h2>\n<p>Mail <a href="mailto:a@b.nl">ons</a></p>\n<ul>\n<li>een</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>Vraag</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>'
    expect(withUtrechtClasses(html)).toBe(
      '<h2 class="utrecht-heading-2" id="gids-contact">Contact</h2>\n<p class="utrecht-paragraph">Mail <a class="utrecht-link" href="mailto:a@b.nl">ons</a></p>\n<ul class="utrecht-unordered-list">\n<li>een</li>\n</ul>\n<table class="utrecht-table">\n<thead class="utrecht-table__header">\n<tr class="utrecht-table__row">\n<th class="utrecht-table__header-cell">Vraag</th>\n</tr>\n</thead>\n<tbody class="utrecht-table__body">\n<tr class="utrecht-table__row">\n<td class="utrecht-table__cell">x</td>\n</tr>\n</tbody>\n</table>',
    )
  })
  it('leaves escaped text and other tags alone', () => {
    expect(withUtrechtClasses('<p>&lt;p&gt; <strong>x</strong> <pre><code>a</code></pre></p>')).toBe('<p class="utrecht-paragraph">&lt;p&gt; <strong>x</strong> <pre><code>a</code></pre></p>')
  })
})

describe('slugFromTitle', () => {
  it('builds a valid slug', () => {
    expect(slugFromTitle('Routekaart voor ondernemers')).toBe('routekaart-voor-ondernemers')
    expect(slugFromTitle('  Één zakboek: rollen & regels!  ')).toBe('een-zakboek-rollen-regels')
    expect(SLUG_PATTERN.test(slugFromTitle('A -- B'))).toBe(true)
    expect(slugFromTitle('x'.repeat(100)).length).toBe(80)
  })
})

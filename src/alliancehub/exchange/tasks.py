from celery import shared_task

from .domain import digest, posts


@shared_task(name="exchange.announce_post")
def announce_post(post_id: int) -> None:
    """A post opened: tell the people behind its best matches (re-fetches the post)."""
    digest.announce(post_id)


@shared_task(name="exchange.expire_posts")
def expire_posts() -> int:
    """Daily: posts past their valid-until date expire."""
    return posts.expire_posts()


@shared_task(name="exchange.send_match_digests")
def send_match_digests() -> int:
    """Daily: the e-mail digest of new matches."""
    return digest.send_digests()
